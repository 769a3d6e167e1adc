package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/** Stand-in mirroring com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl from aws-credentials 265.v8422a_f384cd9 (BaseAmazonWebServicesCredentials superclass left out). */
public class AWSCredentialsImpl implements AmazonWebServicesCredentials {
    private static final long serialVersionUID = 1L;

    public AWSCredentialsImpl(CredentialsScope scope, String id, String accessKey, String secretKey, String description) {
        throw new UnsupportedOperationException();
    }

    @Override public CredentialsScope getScope() { throw new UnsupportedOperationException(); }
    @Override public String getId() { throw new UnsupportedOperationException(); }
    @Override public String getDescription() { throw new UnsupportedOperationException(); }
    @Override public String getDisplayName() { throw new UnsupportedOperationException(); }
    @Override public AwsCredentials resolveCredentials() { throw new UnsupportedOperationException(); }
    @Override public AwsCredentials resolveCredentials(String mfaToken) { throw new UnsupportedOperationException(); }
}
