package io.jenkins.plugins.sparkeks.emulator;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/** AWS SDK v2 clients pointed at an emulator, retrying quickly so fault tests stay fast. */
final class Sdk {
    static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY));

    /** The SDK's standard strategy (3 attempts, its own throttling rules) with 10 ms backoff instead of seconds. */
    static final RetryStrategy FAST_STANDARD_RETRIES = AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
            .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
            .circuitBreakerEnabled(false)
            .build();

    private Sdk() {
    }

    static EmrContainersClient emr(AwsEmulator aws) {
        return emr(aws, FAST_STANDARD_RETRIES);
    }

    static EmrContainersClient emr(AwsEmulator aws, RetryStrategy retries) {
        return configure(EmrContainersClient.builder(), aws, retries).build();
    }

    static EmrContainersClient emrAs(AwsEmulator aws, AwsCredentialsProvider credentials) {
        return configure(EmrContainersClient.builder(), aws, FAST_STANDARD_RETRIES).credentialsProvider(credentials)
                .build();
    }

    static CloudWatchLogsClient logs(AwsEmulator aws) {
        return logs(aws, FAST_STANDARD_RETRIES);
    }

    static CloudWatchLogsClient logs(AwsEmulator aws, RetryStrategy retries) {
        return configure(CloudWatchLogsClient.builder(), aws, retries).build();
    }

    static S3Client s3(AwsEmulator aws) {
        return s3(aws, FAST_STANDARD_RETRIES);
    }

    static S3Client s3(AwsEmulator aws, RetryStrategy retries) {
        return configure(S3Client.builder(), aws, retries).forcePathStyle(true).build();
    }

    static StsClient sts(AwsEmulator aws, AwsCredentialsProvider credentials) {
        return sts(aws, credentials, FAST_STANDARD_RETRIES);
    }

    static StsClient sts(AwsEmulator aws, AwsCredentialsProvider credentials, RetryStrategy retries) {
        return configure(StsClient.builder(), aws, retries).credentialsProvider(credentials).build();
    }

    static EksClient eks(AwsEmulator aws) {
        return configure(EksClient.builder(), aws, FAST_STANDARD_RETRIES).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder,
            AwsEmulator aws, RetryStrategy retries) {
        return builder.endpointOverride(aws.endpoint())
                .region(Region.of(aws.region()))
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(retries));
    }
}
