package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Stand-in mirroring com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials from
 * aws-credentials 265.v8422a_f384cd9 (org.jenkins-ci.plugins:aws-credentials). The SDK v1 super-interface
 * and its deprecated members are left out so that using them fails to compile here.
 */
public interface AmazonWebServicesCredentials extends StandardCredentials, AwsCredentialsProvider {
    long serialVersionUID = -8931505925778535681L;

    String getDisplayName();

    AwsCredentials resolveCredentials(String mfaToken);
}
