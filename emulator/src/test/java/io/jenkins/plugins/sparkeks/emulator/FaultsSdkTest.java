package io.jenkins.plugins.sparkeks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.emrcontainers.model.InternalServerException;
import software.amazon.awssdk.services.emrcontainers.model.JobRunState;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

class FaultsSdkTest {
    private AwsEmulator aws;
    private String jobRunId;

    @BeforeEach
    void start() {
        aws = AwsEmulator.start().virtualCluster(VirtualCluster.running("vc1", "analytics", "eks-prod", "spark"));
        try (EmrContainersClient emr = Sdk.emr(aws)) {
            jobRunId = emr.startJobRun(r -> r.virtualClusterId("vc1").name("pi").clientToken("t")
                    .executionRoleArn("arn:aws:iam::111122223333:role/job").releaseLabel("emr-7.2.0-latest")
                    .jobDriver(d -> d.sparkSubmitJobDriver(s -> s.entryPoint("s3://b/app.py")))).id();
        }
        aws.resetCalls();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void aHeldRequestIsAnsweredOnlyOnceReleasedAndOnlyTheNextOneIsHeld() throws Exception {
        Faults.Hold hold = aws.faults().hold(Operation.DESCRIBE_JOB_RUN);
        try (EmrContainersClient emr = Sdk.emr(aws)) {
            java.util.concurrent.CompletableFuture<JobRunState> held = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> emr.describeJobRun(r -> r.virtualClusterId("vc1").id(jobRunId)).jobRun().state());
            assertThat(hold.awaitHeld(Duration.ofSeconds(10))).isTrue();
            // a later request of the same operation passes while the first is still held
            assertThat(emr.describeJobRun(r -> r.virtualClusterId("vc1").id(jobRunId)).jobRun().state())
                    .isEqualTo(JobRunState.PENDING);
            assertThat(held).isNotDone();
            hold.release();
            assertThat(held.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(JobRunState.PENDING);
        }
    }

    @Test
    void clearReleasesAHeldRequest() throws Exception {
        Faults.Hold hold = aws.faults().hold(Operation.DESCRIBE_JOB_RUN);
        try (EmrContainersClient emr = Sdk.emr(aws)) {
            java.util.concurrent.CompletableFuture<JobRunState> held = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> emr.describeJobRun(r -> r.virtualClusterId("vc1").id(jobRunId)).jobRun().state());
            assertThat(hold.awaitHeld(Duration.ofSeconds(10))).isTrue();
            aws.faults().clear();
            assertThat(held.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(JobRunState.PENDING);
        }
    }

    @Test
    void throttlingIsRecognisedByTheSdkAndRetriedAwayWithinItsAttempts() {
        aws.faults().throttle(Operation.DESCRIBE_JOB_RUN, 2);
        try (EmrContainersClient emr = Sdk.emr(aws)) {
            assertThat(emr.describeJobRun(r -> r.virtualClusterId("vc1").id(jobRunId)).jobRun().state())
                    .isEqualTo(JobRunState.PENDING);
        }
        assertThat(aws.calls(Operation.DESCRIBE_JOB_RUN)).isEqualTo(3);
        assertThat(aws.faults().pending(Operation.DESCRIBE_JOB_RUN)).isZero();
    }

    @Test
    void everyProtocolSpellsThrottlingSoTheSdkClassifiesIt() {
        aws.faults().throttle(Operation.DESCRIBE_JOB_RUN, 1).throttle(Operation.GET_LOG_EVENTS, 1)
                .throttle(Operation.LIST_OBJECTS_V2, 1).throttle(Operation.GET_CALLER_IDENTITY, 1);
        try (EmrContainersClient emr = Sdk.emr(aws, AwsRetryStrategy.doNotRetry());
             CloudWatchLogsClient logs = Sdk.logs(aws, AwsRetryStrategy.doNotRetry());
             S3Client s3 = Sdk.s3(aws, AwsRetryStrategy.doNotRetry());
             StsClient sts = Sdk.sts(aws, Sdk.CREDENTIALS, AwsRetryStrategy.doNotRetry())) {
            assertThatThrownBy(() -> emr.describeJobRun(r -> r.virtualClusterId("vc1").id(jobRunId)))
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.isThrottlingException()).isTrue());
            assertThatThrownBy(() -> logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    });
            assertThatThrownBy(() -> s3.listObjectsV2(r -> r.bucket("b")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                    });
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                    });
        }
        assertThat(aws.calls(Operation.DESCRIBE_JOB_RUN)).isEqualTo(1);
    }

    @Test
    void serverErrorsSurfaceAsTheServicesInternalErrorWhenRetriesRunOut() {
        aws.faults().serverError(Operation.DESCRIBE_JOB_RUN, 3);
        try (EmrContainersClient emr = Sdk.emr(aws)) {
            assertThatThrownBy(() -> emr.describeJobRun(r -> r.virtualClusterId("vc1").id(jobRunId)))
                    .isInstanceOf(InternalServerException.class);
        }
        assertThat(aws.calls(Operation.DESCRIBE_JOB_RUN)).isEqualTo(3);
    }

    @Test
    void droppedConnectionsAreIoFailuresTheSdkRetries() {
        aws.faults().dropConnection(Operation.CANCEL_JOB_RUN, 1);
        try (EmrContainersClient emr = Sdk.emr(aws)) {
            emr.cancelJobRun(r -> r.virtualClusterId("vc1").id(jobRunId));
        }
        assertThat(aws.calls(Operation.CANCEL_JOB_RUN)).isEqualTo(2);
        assertThat(aws.jobRunState(jobRunId)).contains("CANCEL_PENDING");

        // two drops: HttpURLConnection silently resends once when a kept-alive connection closes under it
        aws.faults().dropConnection(Operation.DESCRIBE_JOB_RUN, 2);
        try (EmrContainersClient emr = Sdk.emr(aws, AwsRetryStrategy.doNotRetry())) {
            assertThatThrownBy(() -> emr.describeJobRun(r -> r.virtualClusterId("vc1").id(jobRunId)))
                    .isInstanceOf(SdkClientException.class);
        }
    }

    @Test
    void addedLatencyTripsTheCallersAttemptTimeout() {
        aws.faults().latency(Operation.DESCRIBE_JOB_RUN, Duration.ofMillis(1500));
        try (EmrContainersClient emr = EmrContainersClient.builder()
                .endpointOverride(aws.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(Sdk.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofMillis(300)))
                .build()) {
            assertThatThrownBy(() -> emr.describeJobRun(r -> r.virtualClusterId("vc1").id(jobRunId)))
                    .isInstanceOf(ApiCallAttemptTimeoutException.class);
            aws.faults().clear();
            assertThat(emr.describeJobRun(r -> r.virtualClusterId("vc1").id(jobRunId)).jobRun().id())
                    .isEqualTo(jobRunId);
        }
    }

    @Test
    void callsAreRecordedPerOperationWithTheCallersKey() {
        try (EmrContainersClient emr = Sdk.emr(aws)) {
            emr.describeJobRun(r -> r.virtualClusterId("vc1").id(jobRunId));
            emr.listJobRuns(r -> r.virtualClusterId("vc1"));
            emr.listJobRuns(r -> r.virtualClusterId("vc1"));
        }
        assertThat(aws.calls(Operation.DESCRIBE_JOB_RUN)).isEqualTo(1);
        assertThat(aws.calls(Operation.LIST_JOB_RUNS)).isEqualTo(2);
        assertThat(aws.calls(Operation.START_JOB_RUN)).isZero();
        assertThat(aws.recordedCalls()).extracting(RecordedCall::accessKeyId).containsOnly(AwsEmulator.ACCESS_KEY_ID);
    }
}
