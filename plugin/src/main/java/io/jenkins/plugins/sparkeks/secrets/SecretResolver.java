package io.jenkins.plugins.sparkeks.secrets;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.sparkeks.credentials.BuildCredentials;
import io.jenkins.plugins.sparkeks.job.SecretRef;
import io.jenkins.plugins.sparkeks.job.SecretRefs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Reads secret conf and env values from secret text credentials in the build's context, recording each use on
 * the build. Runs before anything is submitted, and again after a restart, since the values are never stored.
 */
public final class SecretResolver {

    private SecretResolver() {}

    /** @throws AbortException naming the entry and the credential id when a credential is not available to the build */
    public static ResolvedSecrets resolve(SecretRefs refs, Run<?, ?> run) throws AbortException {
        if (refs.isEmpty()) {
            return ResolvedSecrets.NONE;
        }
        return new ResolvedSecrets(values("secretConf", refs.conf(), run), values("secretEnv", refs.env(), run));
    }

    private static Map<String, String> values(String field, List<SecretRef> refs, Run<?, ?> run) throws AbortException {
        Map<String, String> out = new LinkedHashMap<>();
        for (SecretRef ref : refs) {
            StringCredentials c = BuildCredentials.find(
                    run, ref.credentialsId(), StringCredentials.class, field + "[" + ref.key() + "]");
            out.put(ref.key(), c.getSecret().getPlainText());
        }
        return out;
    }
}
