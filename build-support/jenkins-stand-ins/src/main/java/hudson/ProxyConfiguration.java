package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.Secret;

/** Stand-in mirroring hudson.ProxyConfiguration from jenkins-core 2.541.3 (only the getters the plugin reads). */
public final class ProxyConfiguration {
    private ProxyConfiguration() {
        throw new UnsupportedOperationException();
    }

    public String getName() {
        throw new UnsupportedOperationException();
    }

    public int getPort() {
        throw new UnsupportedOperationException();
    }

    public String getUserName() {
        throw new UnsupportedOperationException();
    }

    public Secret getSecretPassword() {
        throw new UnsupportedOperationException();
    }

    public String getNoProxyHost() {
        throw new UnsupportedOperationException();
    }
}
