package io.jenkins.plugins.sparkeks.engine;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import jenkins.model.Jenkins;

/**
 * The controller's HTTP proxy (Manage Jenkins » System » HTTP Proxy) as one value, so a change is noticed by comparing
 * the value read now with the one the AWS HTTP client was built from. {@link #toString()} never shows the password.
 *
 * @param host         proxy host, or null for no proxy
 * @param noProxyHosts Jenkins' "No Proxy Host" text as entered
 */
record ControllerProxy(String host, int port, String user, String password, String noProxyHosts) {

    static final ControllerProxy NONE = new ControllerProxy(null, 0, null, null, null);

    /** What the controller is configured with right now; {@link #NONE} without Jenkins or without a proxy. */
    static ControllerProxy read() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        ProxyConfiguration proxy = jenkins == null ? null : jenkins.proxy;
        if (proxy == null || proxy.getName() == null || proxy.getName().isBlank()) {
            return NONE;
        }
        return new ControllerProxy(
                proxy.getName().trim(),
                proxy.getPort(),
                proxy.getUserName(),
                Secret.toString(proxy.getSecretPassword()),
                proxy.getNoProxyHost());
    }

    boolean enabled() {
        return host != null;
    }

    @Override
    public String toString() {
        return enabled()
                ? "ControllerProxy[" + host + ":" + port + (user == null ? "" : ", user=" + user) + ", noProxyHosts="
                        + noProxyHosts + "]"
                : "ControllerProxy[none]";
    }
}
