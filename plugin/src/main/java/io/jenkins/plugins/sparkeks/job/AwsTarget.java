package io.jenkins.plugins.sparkeks.job;

import java.io.Serializable;

/**
 * Where and as whom to call AWS, by reference only: the credentials are looked up by id when the job is
 * submitted or resumed, never stored.
 *
 * @param region        AWS region id
 * @param credentialsId id of an AWS credential; null = the controller's default credential chain
 * @param roleArn       role to assume on top of those credentials, or null
 * @param endpointUrl   one URL for every AWS service, set by an administrator; null = AWS itself
 */
public record AwsTarget(String region, String credentialsId, String roleArn, String endpointUrl)
        implements Serializable {}
