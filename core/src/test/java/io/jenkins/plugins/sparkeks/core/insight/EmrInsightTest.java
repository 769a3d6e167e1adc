package io.jenkins.plugins.sparkeks.core.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobDriver;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.watch.RecordingObserver;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EMR on EKS followed without cluster access: one line says so, the event log still decides the verdict. */
class EmrInsightTest {

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void withoutClusterAccessTheLiveViewIsUnavailableButTheEventLogJudges(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(FakeSparkUi.APP_ID), EventLogs.twoJobsSecondFails());
        EmrJobRequest request = EmrJobRequest.builder().name("etl").virtualClusterId("vc1")
                .executionRoleArn("arn:aws:iam::111122223333:role/job").releaseLabel("emr-7.5.0-latest")
                .sparkSubmit("s3://bucket/etl.py", List.of(), "--conf spark.eventLog.enabled=true --conf spark.eventLog.dir="
                        + dir.toUri())
                .build();
        SparkJobBackend<EmrJobRequest> backend = InsightBackend.wrap(new SucceedingEmr(), InsightOptions.DEFAULT,
                InsightWiring.of(null, null, new InsightMachinery(scheduler),
                        new EventLogReader(List.of(new LocalEventLogs()))), SparkConfs::of);
        RecordingObserver observer = new RecordingObserver();
        JobReference ref = backend.submit(request, new SubmissionKey("emr#1"), observer);
        JobResult result = backend.watch(ref, WaitOptions.DEFAULT, observer).result().get(10, TimeUnit.SECONDS);

        assertThat(observer.diagnostics).containsExactly("Spark insight unavailable: this EMR on EKS job run is followed"
                + " without access to its EKS cluster, so its driver's UI cannot be reached (the EMR console's Spark UI"
                + " link shows the application). The job goes on.");
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).isEqualTo(SparkVerdict.SPARK_JOB_FAILED);
        assertThat(result.spark().coverage()).isEqualTo(SparkInsight.Coverage.COMPLETE);
        assertThat(result.spark().portForward()).as("no cluster access: no port-forward to offer").isNull();
        assertThat(result.spark().historyUrl()).isEqualTo(
                "https://us-east-1.console.aws.amazon.com/emr/home?region=us-east-1#/virtual-clusters/vc1/job-runs/jr1");
    }

    @Test
    void aFailedClusterConnectionIsTheOneUnavailableLineAndSaysWhy() throws Exception {
        EmrJobRequest request = EmrJobRequest.builder().name("etl").virtualClusterId("vc1")
                .executionRoleArn("arn:aws:iam::111122223333:role/job").releaseLabel("emr-7.5.0-latest")
                .sparkSubmit("s3://bucket/etl.py", List.of(), null).build();
        InsightWiring noCluster = InsightWiring.of(null, null, new InsightMachinery(scheduler), null);
        InsightWiring wiring = EmrClusterWiring.wire(noCluster, true, () -> "prod", name -> {
            throw new IllegalStateException("AccessDeniedException: not authorized to perform eks:DescribeCluster\nmore");
        });
        SparkJobBackend<EmrJobRequest> backend =
                InsightBackend.wrap(new SucceedingEmr(), InsightOptions.DEFAULT, wiring, SparkConfs::of);
        RecordingObserver observer = new RecordingObserver();
        JobReference ref = backend.submit(request, new SubmissionKey("emr#2"), observer);
        JobResult result = backend.watch(ref, WaitOptions.DEFAULT, observer).result().get(10, TimeUnit.SECONDS);

        assertThat(observer.diagnostics).containsExactly("Spark insight unavailable: the EKS cluster of this EMR on EKS"
                + " job run could not be connected (EKS cluster prod refused the connection: AccessDeniedException: not"
                + " authorized to perform eks:DescribeCluster), so its driver's UI cannot be reached (the EMR console's"
                + " Spark UI link shows the application). The job goes on.");
        assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void theEmrRequestsSparkConfComesFromSparkDefaultsAndConfFlags() {
        EmrJobRequest request = EmrJobRequest.builder().name("etl").virtualClusterId("vc1")
                .executionRoleArn("arn:aws:iam::111122223333:role/job").releaseLabel("emr-7.5.0-latest")
                .sparkSubmit("s3://bucket/etl.py", List.of(), "--conf spark.ui.enabled=false --conf=spark.eventLog.dir=s3://b/e")
                .build();
        assertThat(SparkConfs.of(request)).containsEntry("spark.ui.enabled", "false")
                .containsEntry("spark.eventLog.dir", "s3://b/e");
        assertThat(request.jobDriver()).isInstanceOf(EmrJobDriver.SparkSubmit.class);
    }

    /** A job run that succeeds at once, with Spark's application id known from EMR. */
    private static final class SucceedingEmr implements SparkJobBackend<EmrJobRequest> {
        @Override
        public Backend backend() {
            return Backend.EMR_ON_EKS;
        }

        @Override
        public void validate(EmrJobRequest spec) {}

        @Override
        public JobReference submit(EmrJobRequest spec, SubmissionKey key, JobObserver observer) {
            return new EmrJobRunReference("us-east-1", "vc1", "jr1", "etl", Instant.EPOCH, null, null, null);
        }

        @Override
        public JobWatch watch(JobReference reference, WaitOptions options, JobObserver observer) {
            JobResult done = JobResult.builder(Backend.EMR_ON_EKS, JobState.SUCCEEDED).reason("COMPLETED")
                    .sparkAppId(FakeSparkUi.APP_ID).finishedAt(Instant.now()).build();
            return new JobWatch() {
                @Override
                public JobReference reference() {
                    return reference;
                }

                @Override
                public CompletableFuture<JobResult> result() {
                    return CompletableFuture.completedFuture(done);
                }

                @Override
                public String status() {
                    return "job run jr1 RUNNING";
                }

                @Override
                public CompletableFuture<JobResult> cancel(String why) {
                    return CompletableFuture.completedFuture(done);
                }

                @Override
                public void detach() {}
            };
        }

        @Override
        public JobResult describe(JobReference reference) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JobResult cancel(JobReference reference, Duration gracePeriod) {
            throw new UnsupportedOperationException();
        }
    }
}
