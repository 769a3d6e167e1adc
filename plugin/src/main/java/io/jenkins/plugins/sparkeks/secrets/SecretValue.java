package io.jenkins.plugins.sparkeks.secrets;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.sparkeks.credentials.CredentialsForms;
import io.jenkins.plugins.sparkeks.job.SecretRef;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One entry of {@code secretConf} or {@code secretEnv}: a name and the id of the secret text credential holding
 * its value. Only the id is stored (in {@code config.xml} and the Pipeline's step arguments); the value is read
 * from the credential each time the job is submitted or resumed. In a Pipeline:
 * {@code secretConf: [[key: 'spark.hadoop.fs.s3a.secret.key', credentialsId: 's3-secret']]}.
 */
public final class SecretValue implements Describable<SecretValue> {

    private final String key;
    private final String credentialsId;

    @DataBoundConstructor
    public SecretValue(String key, String credentialsId) {
        this.key = key == null || key.isBlank() ? null : key.trim();
        this.credentialsId = credentialsId == null || credentialsId.isBlank() ? null : credentialsId.trim();
    }

    public String getKey() {
        return key;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public SecretRef toRef() {
        return new SecretRef(key, credentialsId);
    }

    @Override
    public String toString() {
        return key + " from credential " + credentialsId;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<SecretValue> {

        @Override
        public String getDisplayName() {
            return "Secret value";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsForms.list(item, credentialsId, StringCredentials.class);
        }
    }
}
