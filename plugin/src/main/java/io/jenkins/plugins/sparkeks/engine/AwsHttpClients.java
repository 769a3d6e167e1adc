package io.jenkins.plugins.sparkeks.engine;

import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The HTTP client every AWS call of the plugin goes through, honouring the controller's proxy rather than JVM-wide
 * properties. The proxy is read again each time a job engine is made ({@link #follow}); when it changed, a new client
 * is built and handed out from then on, and the core's client factory (which asks {@link #get()} for every new client)
 * stops handing out clients made with the old one and closes them once they fall idle. The URL-connection client holds
 * no resources of its own ({@code close()} does nothing), so a replaced one needs no closing.
 */
final class AwsHttpClients implements Supplier<SdkHttpClient> {

    private record Current(ControllerProxy proxy, SdkHttpClient client) {}

    private volatile Current current;

    /** The client for {@code proxy}: the current one while the proxy is unchanged, else a new one. */
    synchronized SdkHttpClient follow(ControllerProxy proxy) {
        Current c = current;
        if (c == null || !c.proxy().equals(proxy)) {
            c = new Current(proxy, build(proxy));
            current = c;
        }
        return c.client();
    }

    /** The client the last {@link #follow} chose; reads the controller's proxy if none did yet. */
    @Override
    public SdkHttpClient get() {
        Current c = current;
        return c != null ? c.client() : follow(ControllerProxy.read());
    }

    static SdkHttpClient build(ControllerProxy proxy) {
        if (!proxy.enabled()) {
            return UrlConnectionHttpClient.builder().build();
        }
        return UrlConnectionHttpClient.builder()
                .proxyConfiguration(p -> {
                    p.endpoint(URI.create("http://" + proxy.host() + ":" + proxy.port()))
                            .useSystemPropertyValues(false)
                            .useEnvironmentVariablesValues(false)
                            .nonProxyHosts(NoProxyHosts.toSdkPatterns(proxy.noProxyHosts()));
                    if (proxy.user() != null && !proxy.user().isBlank()) {
                        p.username(proxy.user()).password(proxy.password());
                    }
                })
                .build();
    }
}
