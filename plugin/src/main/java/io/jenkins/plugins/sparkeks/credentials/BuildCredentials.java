package io.jenkins.plugins.sparkeks.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.AbortException;
import hudson.model.Run;

/**
 * Looks credentials up the way a build may use them: in the build's context (folder scoping, the build's
 * authentication, credentials parameters), recording the use on the build. Never as SYSTEM against the root.
 */
public final class BuildCredentials {

    private BuildCredentials() {}

    public static <C extends IdCredentials> C find(Run<?, ?> run, String id, Class<C> type, String field)
            throws AbortException {
        C c = CredentialsProvider.findCredentialById(id, type, run);
        if (c == null) {
            throw new AbortException(field + ": no " + type.getSimpleName() + " credential with id '" + id
                    + "' is available to this build. Check the id, the credential's type, and that its folder or"
                    + " global scope reaches this job.");
        }
        CredentialsProvider.track(run, c);
        return c;
    }
}
