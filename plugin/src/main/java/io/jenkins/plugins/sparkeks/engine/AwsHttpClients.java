package io.jenkins.plugins.sparkeks.engine;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import jenkins.model.Jenkins;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The HTTP client every AWS call of the plugin goes through, honouring the controller's proxy (Manage Jenkins »
 * System » HTTP Proxy) rather than JVM-wide properties. Read once, when the first Spark job runs.
 */
final class AwsHttpClients {

    private AwsHttpClients() {}

    static SdkHttpClient forController() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        ProxyConfiguration proxy = jenkins == null ? null : jenkins.proxy;
        if (proxy == null || proxy.getName() == null || proxy.getName().isBlank()) {
            return UrlConnectionHttpClient.builder().build();
        }
        return withProxy(proxy.getName(), proxy.getPort(), proxy.getUserName(),
                Secret.toString(proxy.getSecretPassword()), proxy.getNoProxyHost());
    }

    static SdkHttpClient withProxy(String host, int port, String user, String password, String noProxyHosts) {
        return UrlConnectionHttpClient.builder().proxyConfiguration(p -> {
            p.endpoint(URI.create("http://" + host + ":" + port)).useSystemPropertyValues(false)
                    .useEnvironmentVariablesValues(false).nonProxyHosts(nonProxyHosts(noProxyHosts));
            if (user != null && !user.isBlank()) {
                p.username(user).password(password);
            }
        }).build();
    }

    /** Jenkins' "No Proxy Host" list (separated by spaces, commas, bars or new lines; {@code *} wildcards). */
    static Set<String> nonProxyHosts(String list) {
        Set<String> hosts = new LinkedHashSet<>();
        if (list != null) {
            for (String h : list.split("[ \t\n,|]+")) {
                if (!h.isEmpty()) {
                    hosts.add(h);
                }
            }
        }
        return hosts;
    }
}
