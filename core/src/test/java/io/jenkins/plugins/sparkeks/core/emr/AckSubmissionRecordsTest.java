package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.SubmissionRecords;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One key, one job through ACK: the JobRun resource is deleted by people and by GitOps tools, and ACK starts a new
 * run for every resource it sees, so what a key ran is remembered in the namespace's submission records.
 */
@EnableKubernetesMockClient(crud = true)
class AckSubmissionRecordsTest {

    static KubernetesClient client;

    private final EmulatedAws env = new EmulatedAws();
    private FakeAckController ack;
    private final EmrBackend emr = env.backend(env.machinery(EmrPollSettings.fast()));
    private final AckJobRuns runs = new AckJobRuns(client, "us-east-1", emr, env.scheduler);

    @BeforeEach
    void cleanNamespace() {
        client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN).inNamespace("ack").delete();
        client.configMaps().inNamespace("ack").delete();
        ack = FakeAckController.starting(client, "ack", env.emr);
    }

    @AfterEach
    void close() {
        ack.close();
        env.close();
    }


    private JobResult run(EmrJobRequest request, String key, RecordingObserver observer) throws Exception {
        JobWatch watch = runs.start(request, new SubmissionKey(key), "ack", Duration.ofSeconds(20),
                WaitOptions.DEFAULT.withFollowLogs(false), observer);
        env.advanceUntilDone(watch.result());
        return watch.result().get();
    }

    private List<GenericKubernetesResource> jobRunResources() {
        return client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN).inNamespace("ack").list().getItems();
    }

    private void deleteJobRunResource(String key) {
        client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN).inNamespace("ack")
                .withName(AckJobRunSubmitter.resourceName(new SubmissionKey(key))).delete();
        assertThat(jobRunResources()).isEmpty();
    }

    private long runsStarted() {
        return env.emr.listJobRuns(b -> b.virtualClusterId(EmulatedAws.VC)).jobRuns().size();
    }

    @Test
    void aRepeatAfterTheResourceWasDeletedReportsTheRecordedOutcomeAndCreatesNothing() throws Exception {
        EmrJobRequest req = EmrBackendEmulatorTest.request("ack-pi").build();
        JobResult first = run(req, "gitops-once", new RecordingObserver());
        assertThat(first.state()).isEqualTo(JobState.SUCCEEDED);
        deleteJobRunResource("gitops-once");

        RecordingObserver observer = new RecordingObserver();
        JobResult again = run(req, "gitops-once", observer);

        assertThat(again.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(again.jobRunId()).isEqualTo(first.jobRunId());
        assertThat(runsStarted()).isEqualTo(1);
        assertThat(jobRunResources()).isEmpty();
        assertThat(String.join("\n", observer.diagnostics)).contains("recorded outcome");
    }

    @Test
    void aRepeatAfterTheRunFinishedIsAnsweredFromTheRecordWithoutAskingEmr() throws Exception {
        EmrJobRequest req = EmrBackendEmulatorTest.request("ack-pi").build();
        JobResult first = run(req, "gitops-finished", new RecordingObserver());
        long describes = env.aws.calls(Operation.DESCRIBE_JOB_RUN) + env.aws.calls(Operation.LIST_JOB_RUNS);

        JobResult again = run(req, "gitops-finished", new RecordingObserver());

        assertThat(again.state()).isEqualTo(first.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(again.jobRunId()).isEqualTo(first.jobRunId());
        assertThat(again.explanation()).anySatisfy(line -> assertThat(line).contains("recorded"));
        // the answer holds when EMR no longer lists the run: it did not come from EMR
        assertThat(env.aws.calls(Operation.DESCRIBE_JOB_RUN) + env.aws.calls(Operation.LIST_JOB_RUNS)).isEqualTo(describes);
        assertThat(runsStarted()).isEqualTo(1);
        assertThat(jobRunResources()).hasSize(1);
    }

    @Test
    void aDifferentSpecUnderAKeyInUseIsRefusedNamingBoth() throws Exception {
        run(EmrBackendEmulatorTest.request("etl-orders").build(), "gitops-shared", new RecordingObserver());
        String resourceVersion = jobRunResources().get(0).getMetadata().getResourceVersion();

        assertThatThrownBy(() -> runs.start(EmrBackendEmulatorTest.request("etl-customers").build(),
                new SubmissionKey("gitops-shared"), "ack", Duration.ofSeconds(20), WaitOptions.DEFAULT, JobObserver.NONE))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("'gitops-shared'")
                .hasMessageContaining("'etl-orders'")
                .hasMessageContaining("'etl-customers'")
                .hasMessageContaining(EmrSpecFingerprints.of(EmrBackendEmulatorTest.request("etl-orders").build()).value())
                .hasMessageContaining(EmrSpecFingerprints.of(EmrBackendEmulatorTest.request("etl-customers").build()).value());
        assertThat(jobRunResources()).singleElement()
                .satisfies(jr -> assertThat(jr.getMetadata().getResourceVersion()).isEqualTo(resourceVersion));
        assertThat(runsStarted()).isEqualTo(1);
    }

    @Test
    void aDifferentSpecAfterTheResourceWasDeletedIsRefusedBeforeAnythingIsCreated() throws Exception {
        run(EmrBackendEmulatorTest.request("etl-orders").build(), "gitops-reused", new RecordingObserver());
        deleteJobRunResource("gitops-reused");

        assertThatThrownBy(() -> runs.start(EmrBackendEmulatorTest.request("etl-customers").build(),
                new SubmissionKey("gitops-reused"), "ack", Duration.ofSeconds(20), WaitOptions.DEFAULT, JobObserver.NONE))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("'etl-orders'")
                .hasMessageContaining("'etl-customers'");
        assertThat(jobRunResources()).isEmpty();
        assertThat(runsStarted()).isEqualTo(1);
    }

    @Test
    void aDifferentSpecIsRefusedWhileTheFirstSubmitStillWaitsForItsId() {
        // no record yet (ACK has not reported an id): the resource's own fingerprint is what refuses the second spec
        ack.close();
        assertThatThrownBy(() -> runs.start(EmrBackendEmulatorTest.request("etl-orders").build(),
                new SubmissionKey("gitops-pending"), "ack", Duration.ofMillis(200), WaitOptions.DEFAULT, JobObserver.NONE))
                .hasMessageContaining("is the ACK emrcontainers controller running");

        assertThatThrownBy(() -> runs.start(EmrBackendEmulatorTest.request("etl-customers").build(),
                new SubmissionKey("gitops-pending"), "ack", Duration.ofMillis(200), WaitOptions.DEFAULT, JobObserver.NONE))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("'etl-orders'")
                .hasMessageContaining("'etl-customers'");
        assertThat(jobRunResources()).singleElement().satisfies(jr -> assertThat(
                jr.getAdditionalProperties().get("spec")).asString().contains("etl-orders"));
    }

    @Test
    void aKeyIsFreeAgainOnceItsRecordsExpired() throws Exception {
        EmrJobRequest req = EmrBackendEmulatorTest.request("ack-pi").build();
        run(req, "gitops-last-week", new RecordingObserver());
        deleteJobRunResource("gitops-last-week");
        Clock eightDaysLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(8));
        AckJobRuns later = new AckJobRuns(new SubmissionRecords(client, SubmissionRecords.DEFAULT_LIFETIME, eightDaysLater),
                client, "us-east-1", emr, env.scheduler);

        // any new submission in the namespace sweeps expired records, as for Kubernetes jobs
        JobWatch other = later.start(req, new SubmissionKey("gitops-today"), "ack", Duration.ofSeconds(20),
                WaitOptions.DEFAULT.withFollowLogs(false), JobObserver.NONE);
        env.advanceUntilDone(other.result());
        JobWatch again = later.start(req, new SubmissionKey("gitops-last-week"), "ack", Duration.ofSeconds(20),
                WaitOptions.DEFAULT.withFollowLogs(false), JobObserver.NONE);
        env.advanceUntilDone(again.result());

        assertThat(again.result().get().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(runsStarted()).isEqualTo(3);
    }

    @Test
    void theRecordsAreTheSameConfigMapsAsForKubernetesJobs() throws Exception {
        run(EmrBackendEmulatorTest.request("ack-pi").build(), "gitops-records", new RecordingObserver());
        String hash = new SubmissionKey("gitops-records").hash(32);

        assertThat(client.configMaps().inNamespace("ack").withName("spark-on-eks-submission-" + hash).get().getData())
                .containsEntry("kind", "ACK JobRun")
                .containsEntry("name", AckJobRunSubmitter.resourceName(new SubmissionKey("gitops-records")))
                .containsEntry("appName", "ack-pi");
        // written before the watch's result completes, so a repeat right after the step already finds it
        assertThat(client.configMaps().inNamespace("ack").withName("spark-on-eks-outcome-" + hash).get().getData())
                .containsEntry("state", "SUCCEEDED");
    }
}
