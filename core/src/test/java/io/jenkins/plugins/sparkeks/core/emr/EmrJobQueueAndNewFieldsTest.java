package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import io.jenkins.plugins.sparkeks.emulator.StartedJobRun;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * EMR on EKS as of 2026 through the engine and the AWS SDK against the emulator: a virtual cluster whose job queue
 * is capped (schedulerConfiguration), the Spark 4 runtime's release labels, and managed logs.
 */
class EmrJobQueueAndNewFieldsTest {

    private final EmulatedAws env = new EmulatedAws();
    private final EmrWatchMachinery machinery = env.machinery(EmrPollSettings.fast());
    private final EmrBackend backend = env.backend(machinery);

    @AfterEach
    void close() {
        env.close();
    }

    private void capQueue(Integer maxConcurrent, Integer maxInQueue) {
        env.aws.virtualCluster(VirtualCluster.running(EmulatedAws.VC, "analytics", "eks-prod", "spark")
                .withScheduler(maxConcurrent, maxInQueue));
    }

    @Test
    void aFullQueueIsAWaitTheConsoleIsToldWhyAndTheRunStartsWhenAPlaceFrees() throws Exception {
        capQueue(1, 1);
        env.aws.script("first", JobScript.builder().pending(Duration.ofSeconds(2)).submitted(Duration.ofSeconds(2))
                .running(Duration.ofSeconds(30)).build());
        env.aws.script("second", JobScript.builder().pending(Duration.ofSeconds(1)).submitted(Duration.ofSeconds(1))
                .running(Duration.ofSeconds(5)).build());
        backend.submit(EmrBackendEmulatorTest.request("first").build(), new SubmissionKey("b1"), new RecordingObserver());
        RecordingObserver observer = new RecordingObserver();

        CompletableFuture<EmrJobRunReference> second = CompletableFuture.supplyAsync(() -> backend.submit(
                EmrBackendEmulatorTest.request("second").build(), new SubmissionKey("b2"), observer,
                WaitOptions.DEFAULT.withStartTimeout(Duration.ofSeconds(60))));
        await().atMost(Duration.ofSeconds(20)).until(() -> !observer.diagnostics.isEmpty());
        String told = observer.diagnostics.get(0);
        env.aws.advance(Duration.ofSeconds(5));   // the first run leaves the queue: RUNNING
        EmrJobRunReference ref = second.get();

        assertThat(told).contains("StartJobRun for 'second'", "the virtual cluster's job queue is full",
                "ValidationException", "1 job run is waiting on virtual cluster vc1 (PENDING or SUBMITTED)",
                "Waiting for a place: trying again with backoff for up to 1 min");
        assertThat(env.aws.jobRuns()).hasSize(2);
        assertThat(env.aws.calls(Operation.START_JOB_RUN)).isGreaterThan(2);
        // admitted to the queue, it waits in SUBMITTED for the one running slot, then runs to the end
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);
        env.advanceUntil(watch.result()::isDone, Duration.ofSeconds(2));
        JobResult r = watch.result().get();
        assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(observer.stateDetails).contains("EMR SUBMITTED");
        StartedJobRun first = env.aws.jobRuns().get(0);
        assertThat(r.finishedAt()).as("ran only after the first run freed the slot")
                .isAfterOrEqualTo(first.createdAt().plus(Duration.ofSeconds(34 + 5)));
    }

    @Test
    void aQueueThatStaysFullFailsAtTheEndOfTheStartWindowNamingTheCapAndTheKey() {
        capQueue(null, 1);
        env.aws.script("first", JobScript.builder().pending(Duration.ofMinutes(30)).build());
        backend.submit(EmrBackendEmulatorTest.request("first").build(), new SubmissionKey("b1"), new RecordingObserver());
        RecordingObserver observer = new RecordingObserver();

        assertThatThrownBy(() -> backend.submit(EmrBackendEmulatorTest.request("second").build(),
                new SubmissionKey("nightly#7"), observer, WaitOptions.DEFAULT.withStartTimeout(Duration.ofSeconds(2))))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("StartJobRun for 'second' on virtual cluster vc1 found the virtual cluster's job queue full")
                .hasMessageContaining("schedulerConfiguration.maxInQueueJobRuns")
                .hasMessageContaining("aws emr-containers update-virtual-cluster")
                .hasMessageContaining("1 job run is waiting")
                .hasMessageContaining("same submission key \"nightly#7\"");
        assertThat(env.aws.jobRuns()).hasSize(1);
    }

    @Test
    void theSpark4RuntimesLabelAndManagedLogsReachEmrAsTheApiModelSpellsThem() throws Exception {
        env.aws.script("spark4", JobScript.builder().running(Duration.ofSeconds(3)).build());
        EmrJobRequest request = EmrBackendEmulatorTest.request("spark4").releaseLabel("emr-spark-8.0.0-20260421")
                .managedLogs(new EmrManagedLogs(true, "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
                .build();
        RecordingObserver observer = new RecordingObserver();

        EmrJobRunReference ref = backend.submit(request, new SubmissionKey("s4"), observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);
        env.advanceUntil(watch.result()::isDone, Duration.ofSeconds(1));

        assertThat(watch.result().get().state()).isEqualTo(JobState.SUCCEEDED);
        StartedJobRun run = env.aws.jobRuns().get(0);
        assertThat(run.request().releaseLabel()).isEqualTo("emr-spark-8.0.0-20260421");
        JsonNode managed = new ObjectMapper().readTree(run.request().body())
                .path("configurationOverrides").path("monitoringConfiguration").path("managedLogs");
        assertThat(managed.path("allowAWSToRetainLogs").asText()).isEqualTo("ENABLED");
        assertThat(managed.path("encryptionKeyArn").asText()).endsWith(":key/1234abcd-12ab-34cd-56ef-1234567890ab");
        // the CloudWatch settings beside it are kept
        assertThat(run.request().logGroupName()).contains("/emr/jobs");
    }

    /**
     * A Lake Formation job runs other containers beside the user's driver (executors, and an EMR system driver whose
     * logs EMR withholds). Whatever else appears under the job's containers, the step prints the user's driver only.
     */
    @Test
    void onlyTheUsersDriverIsFollowedWhateverElseTheJobsContainersWrite() throws Exception {
        env.aws.script("lf", JobScript.builder().running(Duration.ofSeconds(20)).stdout("user driver line").build());
        RecordingObserver observer = new RecordingObserver();
        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request("lf").build(), new SubmissionKey("lf"),
                observer);
        String containers = "ci/" + EmulatedAws.VC + "/jobs/" + ref.jobRunId() + "/containers/spark-" + ref.jobRunId() + "/";
        java.time.Instant at = env.aws.clock().instant().plusSeconds(8);
        env.aws.logEvent("/emr/jobs", containers + "spark-" + ref.jobRunId() + "-exec-1/stdout", at, "executor line");
        env.aws.logEvent("/emr/jobs", containers + "spark-" + ref.jobRunId() + "-system-driver/stdout", at,
                "system profile line");

        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);
        env.advanceUntil(watch.result()::isDone, Duration.ofSeconds(1));

        assertThat(watch.result().get().driverPod()).isEqualTo("spark-" + ref.jobRunId() + "-driver");
        assertThat(observer.texts()).containsExactly("user driver line");
    }
}
