package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * Stand-in mirroring com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl from aws-credentials
 * 265.v8422a_f384cd9 (org.jenkins-ci.plugins:aws-credentials); getters as in jenkins-api.md §1.5. The
 * BaseAmazonWebServicesCredentials superclass is left out: nothing here calls its members.
 */
public class AWSCredentialsImpl implements AmazonWebServicesCredentials {
    private static final long serialVersionUID = 1L;

    public AWSCredentialsImpl(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String accessKey, @CheckForNull String secretKey, @CheckForNull String description) {
        throw new UnsupportedOperationException();
    }

    public String getAccessKey() { throw new UnsupportedOperationException(); }
    public Secret getSecretKey() { throw new UnsupportedOperationException(); }
    public String getIamRoleArn() { throw new UnsupportedOperationException(); }
    public String getIamExternalId() { throw new UnsupportedOperationException(); }
    public String getIamMfaSerialNumber() { throw new UnsupportedOperationException(); }

    @NonNull
    public Integer getStsTokenDuration() { throw new UnsupportedOperationException(); }

    @Override public CredentialsScope getScope() { throw new UnsupportedOperationException(); }
    @Override public String getId() { throw new UnsupportedOperationException(); }
    @Override public String getDescription() { throw new UnsupportedOperationException(); }
    @Override public String getDisplayName() { throw new UnsupportedOperationException(); }
    @Override public AwsCredentials resolveCredentials() { throw new UnsupportedOperationException(); }
    @Override public AwsCredentials resolveCredentials(String mfaToken) { throw new UnsupportedOperationException(); }
}
