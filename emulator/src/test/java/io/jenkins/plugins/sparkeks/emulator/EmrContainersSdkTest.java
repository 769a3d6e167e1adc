package io.jenkins.plugins.sparkeks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.emrcontainers.model.FailureReason;
import software.amazon.awssdk.services.emrcontainers.model.JobRun;
import software.amazon.awssdk.services.emrcontainers.model.JobRunState;
import software.amazon.awssdk.services.emrcontainers.model.ResourceNotFoundException;
import software.amazon.awssdk.services.emrcontainers.model.StartJobRunRequest;
import software.amazon.awssdk.services.emrcontainers.model.StartJobRunResponse;
import software.amazon.awssdk.services.emrcontainers.model.ValidationException;
import software.amazon.awssdk.services.emrcontainers.model.VirtualCluster;
import software.amazon.awssdk.services.emrcontainers.model.VirtualClusterState;

class EmrContainersSdkTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/emr-job";

    private AwsEmulator aws;
    private EmrContainersClient emr;

    @BeforeEach
    void start() {
        aws = AwsEmulator.start()
                .virtualCluster(io.jenkins.plugins.sparkeks.emulator.VirtualCluster.running("vc1", "analytics",
                        "eks-prod", "spark"));
        emr = Sdk.emr(aws);
    }

    @AfterEach
    void stop() {
        emr.close();
        aws.close();
    }

    private StartJobRunResponse start(String name, String clientToken) {
        return emr.startJobRun(request(name, clientToken).build());
    }

    private static StartJobRunRequest.Builder request(String name, String clientToken) {
        return StartJobRunRequest.builder().virtualClusterId("vc1").name(name).clientToken(clientToken)
                .executionRoleArn(ROLE).releaseLabel("emr-7.2.0-latest")
                .jobDriver(d -> d.sparkSubmitJobDriver(s -> s.entryPoint("local:///usr/lib/spark/examples/jars/"
                        + "spark-examples.jar").entryPointArguments("100")
                        .sparkSubmitParameters("--class org.apache.spark.examples.SparkPi")));
    }

    private JobRun describe(String id) {
        return emr.describeJobRun(r -> r.virtualClusterId("vc1").id(id)).jobRun();
    }

    @Test
    void jobRunFollowsItsScriptOnTheClock() {
        aws.script("pi", JobScript.builder().pending(Duration.ofSeconds(1)).submitted(Duration.ofSeconds(2))
                .running(Duration.ofSeconds(10)).completes().stateDetails("done").build());

        StartJobRunResponse started = start("pi", "tok-1");

        assertThat(started.id()).matches("[0-9a-z]{19}");
        assertThat(started.arn()).isEqualTo("arn:aws:emr-containers:us-east-1:111122223333:/virtualclusters/vc1/jobruns/"
                + started.id());
        JobRun pending = describe(started.id());
        assertThat(pending.state()).isEqualTo(JobRunState.PENDING);
        assertThat(pending.createdAt()).isEqualTo(AwsEmulator.DEFAULT_START);
        assertThat(pending.finishedAt()).isNull();
        assertThat(pending.createdBy()).isEqualTo("arn:aws:iam::111122223333:user/emulator-user");
        assertThat(pending.jobDriver().sparkSubmitJobDriver().entryPointArguments()).containsExactly("100");
        assertThat(pending.clientToken()).isEqualTo("tok-1");

        aws.advance(Duration.ofSeconds(1));
        assertThat(describe(started.id()).state()).isEqualTo(JobRunState.SUBMITTED);
        aws.advance(Duration.ofSeconds(2));
        assertThat(describe(started.id()).state()).isEqualTo(JobRunState.RUNNING);
        aws.advance(Duration.ofSeconds(10));
        JobRun done = describe(started.id());
        assertThat(done.state()).isEqualTo(JobRunState.COMPLETED);
        assertThat(done.finishedAt()).isEqualTo(AwsEmulator.DEFAULT_START.plusSeconds(13));
        assertThat(done.stateDetails()).isEqualTo("done");
        assertThat(done.failureReason()).isNull();
    }

    @Test
    void failedRunReportsReasonDetailsAndAttempts() {
        aws.script("bad", JobScript.builder().pending(Duration.ZERO).submitted(Duration.ZERO)
                .running(Duration.ofSeconds(30)).attempts(3).fails("USER_ERROR", "Driver exited with code 1").build());
        String id = emr.startJobRun(request("bad", "t").retryPolicyConfiguration(p -> p.maxAttempts(3)).build()).id();

        aws.advance(Duration.ofSeconds(5));
        assertThat(describe(id).retryPolicyExecution().currentAttemptCount()).isEqualTo(1);
        aws.advance(Duration.ofSeconds(10));
        assertThat(describe(id).retryPolicyExecution().currentAttemptCount()).isEqualTo(2);
        aws.advance(Duration.ofSeconds(20));
        JobRun failed = describe(id);
        assertThat(failed.state()).isEqualTo(JobRunState.FAILED);
        assertThat(failed.failureReason()).isEqualTo(FailureReason.USER_ERROR);
        assertThat(failed.stateDetails()).isEqualTo("Driver exited with code 1");
        assertThat(failed.retryPolicyExecution().currentAttemptCount()).isEqualTo(3);
    }

    @Test
    void sameClientTokenInSameVirtualClusterStartsNothingNew() {
        aws.virtualCluster(io.jenkins.plugins.sparkeks.emulator.VirtualCluster.running("vc2", "other", "eks-prod",
                "spark2"));
        String first = start("pi", "build-42").id();
        aws.advance(Duration.ofSeconds(30));

        String again = start("pi", "build-42").id();
        String elsewhere = emr.startJobRun(request("pi", "build-42").virtualClusterId("vc2").build()).id();

        assertThat(again).isEqualTo(first);
        assertThat(elsewhere).isNotEqualTo(first);
        assertThat(aws.jobRuns()).hasSize(2);
        assertThat(aws.calls(Operation.START_JOB_RUN)).isEqualTo(3);
    }

    @Test
    void cancelPassesThroughCancelPendingAndTerminalRunsRefuse() {
        aws.script("long", JobScript.builder().running(Duration.ofHours(1)).cancelPending(Duration.ofSeconds(4))
                .build());
        String id = start("long", "t1").id();
        aws.advance(Duration.ofSeconds(5));

        emr.cancelJobRun(r -> r.virtualClusterId("vc1").id(id));

        assertThat(describe(id).state()).isEqualTo(JobRunState.CANCEL_PENDING);
        assertThatThrownBy(() -> emr.cancelJobRun(r -> r.virtualClusterId("vc1").id(id)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not in a cancellable state");
        aws.advance(Duration.ofSeconds(4));
        JobRun cancelled = describe(id);
        assertThat(cancelled.state()).isEqualTo(JobRunState.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(AwsEmulator.DEFAULT_START.plusSeconds(9));
        assertThatThrownBy(() -> emr.cancelJobRun(r -> r.virtualClusterId("vc1").id(id)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void unknownRunsAndClustersAreResourceNotFound() {
        assertThatThrownBy(() -> describe("0000000nosuchrun00"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("0000000nosuchrun00");
        assertThatThrownBy(() -> emr.describeJobRun(r -> r.virtualClusterId("nope").id("x")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> emr.describeVirtualCluster(r -> r.id("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void invalidRequestsAreValidationErrorsNamingTheField() {
        assertThatThrownBy(() -> emr.startJobRun(request("pi", "t").executionRoleArn("not-a-role").build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("executionRoleArn");
        assertThatThrownBy(() -> emr.startJobRun(request("pi", "t").releaseLabel(null).build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("releaseLabel");
        aws.virtualCluster(io.jenkins.plugins.sparkeks.emulator.VirtualCluster.running("vc1", "analytics",
                "eks-prod", "spark").withState("TERMINATED"));
        assertThatThrownBy(() -> start("pi", "t")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not in RUNNING state");
        assertThat(aws.jobRuns()).isEmpty();
    }

    @Test
    void listJobRunsFiltersByStateNameAndTimeAndPagesNewestFirst() {
        aws.script("quick", JobScript.builder().pending(Duration.ZERO).submitted(Duration.ZERO)
                .running(Duration.ofSeconds(1)).build());
        aws.script("long", JobScript.builder().running(Duration.ofHours(1)).build());
        String quick = start("quick", "a").id();
        aws.advance(Duration.ofSeconds(10));
        String long1 = start("long", "b").id();
        aws.advance(Duration.ofSeconds(10));
        String long2 = start("long", "c").id();
        Instant third = aws.clock().instant();

        List<String> all = emr.listJobRunsPaginator(r -> r.virtualClusterId("vc1").maxResults(2)).jobRuns()
                .stream().map(software.amazon.awssdk.services.emrcontainers.model.JobRun::id).toList();
        assertThat(all).containsExactly(long2, long1, quick);
        assertThat(emr.listJobRuns(r -> r.virtualClusterId("vc1").maxResults(2)).nextToken()).isNotNull();

        assertThat(emr.listJobRuns(r -> r.virtualClusterId("vc1").states(JobRunState.COMPLETED)).jobRuns())
                .extracting(software.amazon.awssdk.services.emrcontainers.model.JobRun::id).containsExactly(quick);
        assertThat(emr.listJobRuns(r -> r.virtualClusterId("vc1")
                        .states(JobRunState.PENDING, JobRunState.COMPLETED)).jobRuns())
                .extracting(software.amazon.awssdk.services.emrcontainers.model.JobRun::id)
                .containsExactly(long2, quick);
        assertThat(emr.listJobRuns(r -> r.virtualClusterId("vc1").name("long")).jobRuns()).hasSize(2);
        assertThat(emr.listJobRuns(r -> r.virtualClusterId("vc1").createdAfter(third.minusSeconds(1))).jobRuns())
                .extracting(software.amazon.awssdk.services.emrcontainers.model.JobRun::id).containsExactly(long2);
        assertThat(emr.listJobRuns(r -> r.virtualClusterId("vc1").createdBefore(third.minusSeconds(1))).jobRuns())
                .hasSize(2);
    }

    @Test
    void virtualClustersAreListedByProviderAndStateAndDescribed() {
        aws.virtualCluster(io.jenkins.plugins.sparkeks.emulator.VirtualCluster.running("vc2", "b", "eks-test", "ns"))
                .virtualCluster(io.jenkins.plugins.sparkeks.emulator.VirtualCluster.running("vc3", "c", "eks-prod",
                        "ns3").withState("TERMINATED"));

        assertThat(emr.listVirtualClustersPaginator(r -> r.maxResults(1)).virtualClusters())
                .extracting(VirtualCluster::id).containsExactlyInAnyOrder("vc1", "vc2", "vc3");
        assertThat(emr.listVirtualClusters(r -> r.containerProviderId("eks-prod")
                        .containerProviderType("EKS").states(VirtualClusterState.RUNNING)).virtualClusters())
                .extracting(VirtualCluster::id).containsExactly("vc1");

        VirtualCluster vc = emr.describeVirtualCluster(r -> r.id("vc1")).virtualCluster();
        assertThat(vc.name()).isEqualTo("analytics");
        assertThat(vc.state()).isEqualTo(VirtualClusterState.RUNNING);
        assertThat(vc.containerProvider().id()).isEqualTo("eks-prod");
        assertThat(vc.containerProvider().info().eksInfo().namespace()).isEqualTo("spark");
        assertThat(vc.arn()).isEqualTo("arn:aws:emr-containers:us-east-1:111122223333:/virtualclusters/vc1");
    }

    @Test
    void unscriptedJobsFollowTheDefaultRule() {
        String ok = start("nightly-report", "1").id();
        String bad = start("will-fail", "2").id();

        aws.advance(Duration.ofMinutes(1));

        assertThat(describe(ok).state()).isEqualTo(JobRunState.COMPLETED);
        assertThat(describe(bad).state()).isEqualTo(JobRunState.FAILED);
        assertThat(describe(bad).failureReason()).isEqualTo(FailureReason.USER_ERROR);
        assertThat(aws.jobRuns()).extracting(r -> r.request().sparkSubmitParameters())
                .containsOnly("--class org.apache.spark.examples.SparkPi");
    }
}
