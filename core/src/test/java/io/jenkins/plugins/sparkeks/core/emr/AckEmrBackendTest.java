package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.SubmissionRecords;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ACK mode behind the backend contract: the JobRun goes to the virtual cluster's namespace, the run is followed,
 * resumed and cancelled like an API-submitted one, and what the resource cannot carry is refused before anything
 * is created.
 */
@EnableKubernetesMockClient(crud = true)
class AckEmrBackendTest {

    static KubernetesClient client;

    /** The emulated virtual cluster's namespace, where the JobRun is created. */
    private static final String NS = "spark";

    private final EmulatedAws env = new EmulatedAws();
    private FakeAckController ack;
    private final EmrBackend emr = env.backend(env.machinery(EmrPollSettings.fast()));
    private final AckEmrBackend backend = new AckEmrBackend(client, emr, Duration.ofSeconds(20), env.scheduler);

    @BeforeEach
    void cleanNamespace() {
        client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN).inNamespace(NS).delete();
        client.configMaps().inNamespace(NS).delete();
        ack = FakeAckController.starting(client, NS, env.emr);
    }

    @AfterEach
    void close() {
        ack.close();
        env.close();
    }


    private List<GenericKubernetesResource> jobRunResources() {
        return client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN).inNamespace(NS).list().getItems();
    }

    private long runsStarted() {
        return env.emr.listJobRuns(b -> b.virtualClusterId(EmulatedAws.VC)).jobRuns().size();
    }

    @Test
    void aRunSubmittedThroughAckIsFollowedThroughEmrAndSaysSo() throws Exception {
        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request("ack-pi").build(),
                new SubmissionKey("ack-mode"), new RecordingObserver());
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), new RecordingObserver());
        env.advanceUntilDone(watch.result());
        JobResult r = watch.result().get();

        assertThat(ref.namespace()).isEqualTo(NS);
        assertThat(jobRunResources()).singleElement()
                .satisfies(jr -> assertThat(jr.getMetadata().getName())
                        .isEqualTo(AckJobRunSubmitter.resourceName(new SubmissionKey("ack-mode"))));
        assertThat(env.aws.calls(Operation.START_JOB_RUN)).isEqualTo(1); // by the fake controller, not by us
        assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(r.jobRunId()).isEqualTo(ref.jobRunId());
        assertThat(r.toMap()).containsEntry("backend", "EMR_ON_EKS").containsEntry("submittedThrough", "ack");
        assertThat(backend.describe(ref).toMap()).containsEntry("submittedThrough", "ack");
    }

    @Test
    void aResumeFromTheReferenceAloneRecordsTheKeysOutcome() throws Exception {
        SubmissionKey key = new SubmissionKey("ack-resume");
        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request("ack-pi").build(), key,
                new RecordingObserver());

        // another process: a new backend knows nothing but the reference
        AckEmrBackend resumed = new AckEmrBackend(client, emr, Duration.ofSeconds(20), env.scheduler);
        JobWatch watch = resumed.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), new RecordingObserver());
        env.advanceUntilDone(watch.result());

        assertThat(watch.result().get().state()).isEqualTo(JobState.SUCCEEDED);
        SubmissionRecords records = new SubmissionRecords(client);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> records.outcome(NS, key.hash(32)) != null);
        assertThat(records.outcome(NS, key.hash(32)).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void cancelDeletesTheJobRunAndIsConfirmedByEmrsState() {
        env.aws.script("long", JobScript.builder().running(Duration.ofMinutes(10)).cancelPending(Duration.ZERO).build());
        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request("long").build(),
                new SubmissionKey("ack-cancel"), new RecordingObserver());

        JobResult r = backend.cancel(ref, Duration.ofSeconds(5));

        assertThat(r.state()).isEqualTo(JobState.CANCELLED);
        assertThat(r.nativeState()).isEqualTo("CANCELLED");
        assertThat(r.submittedThrough()).isEqualTo("ack");
        assertThat(r.cancelConfirmed()).isTrue();
        assertThat(jobRunResources()).isEmpty();
        assertThat(env.aws.calls(Operation.CANCEL_JOB_RUN)).isEqualTo(1);
        assertThat(r.explanation()).last().asString()
                .isEqualTo("ACK JobRun " + NS + "/" + AckJobRunSubmitter.resourceName(new SubmissionKey("ack-cancel"))
                        + " deleted.");
    }

    @Test
    void anAbortedWaitCancelsTheRunAndDeletesItsJobRun() throws Exception {
        env.aws.script("long", JobScript.builder().running(Duration.ofMinutes(10)).cancelPending(Duration.ofSeconds(2))
                .build());
        SubmissionKey key = new SubmissionKey("ack-abort");
        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request("long").build(), key,
                new RecordingObserver());
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), new RecordingObserver());

        watch.cancel("the Jenkins build was stopped");
        env.advanceUntilDone(watch.result());
        JobResult r = watch.result().get();

        assertThat(r.state()).isEqualTo(JobState.CANCELLED);
        assertThat(r.nativeState()).isEqualTo("CANCELLED"); // EMR's state, not our wish
        assertThat(r.cancelConfirmed()).isTrue();
        assertThat(r.submittedThrough()).isEqualTo("ack");
        assertThat(jobRunResources()).isEmpty();
        assertThat(r.explanation()).last().asString()
                .isEqualTo("ACK JobRun " + NS + "/" + AckJobRunSubmitter.resourceName(key) + " deleted.");
        // the key's outcome outlives the resource: a repeat reports it and starts nothing
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> new SubmissionRecords(client).outcome(NS, key.hash(32)) != null);
        EmrJobRunReference again = backend.submit(EmrBackendEmulatorTest.request("long").build(), key,
                new RecordingObserver());
        assertThat(backend.watch(again, WaitOptions.DEFAULT, new RecordingObserver()).result().get().state())
                .isEqualTo(JobState.CANCELLED);
        assertThat(jobRunResources()).isEmpty();
        assertThat(runsStarted()).isEqualTo(1);
    }

    @Test
    void aRunTimeoutCancelsTheRunAndDeletesItsJobRun() throws Exception {
        env.aws.script("long", JobScript.builder().running(Duration.ofMinutes(10)).cancelPending(Duration.ZERO).build());
        SubmissionKey key = new SubmissionKey("ack-timeout");
        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request("long").build(), key,
                new RecordingObserver());
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false)
                .withRunTimeout(Duration.ofMinutes(1)), new RecordingObserver());

        env.advanceUntilDone(watch.result());
        JobResult r = watch.result().get();

        assertThat(r.reason()).isEqualTo("RunTimeout");
        assertThat(r.nativeState()).isEqualTo("CANCELLED");
        assertThat(r.cancelConfirmed()).isTrue();
        assertThat(jobRunResources()).isEmpty();
        assertThat(r.explanation()).last().asString()
                .isEqualTo("ACK JobRun " + NS + "/" + AckJobRunSubmitter.resourceName(key) + " deleted.");
    }

    @Test
    void aRunThatEndsByItselfKeepsItsJobRun() throws Exception {
        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request("ack-pi").build(),
                new SubmissionKey("ack-keep"), new RecordingObserver());
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), new RecordingObserver());
        env.advanceUntilDone(watch.result());

        assertThat(watch.result().get().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(jobRunResources()).hasSize(1);
    }

    @Test
    void whatTheJobRunCannotCarryIsRefusedBeforeAnythingIsCreated() {
        EmrJobRequest byName = EmrBackendEmulatorTest.request("by-name").virtualClusterId(null)
                .virtualClusterName("analytics", "eks-prod").build();
        EmrJobRequest retried = EmrBackendEmulatorTest.request("retried").retryMaxAttempts(3).build();

        assertThatThrownBy(() -> backend.submit(byName, new SubmissionKey("ack-by-name"), new RecordingObserver()))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("virtualClusterName")
                .hasMessageContaining("Give virtualClusterId");
        assertThatThrownBy(() -> backend.submit(retried, new SubmissionKey("ack-retried"), new RecordingObserver()))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("retryMaxAttempts")
                .hasMessageContaining("submit through the EMR API");
        assertThat(jobRunResources()).isEmpty();
        assertThat(runsStarted()).isZero();
        assertThat(env.aws.calls(Operation.DESCRIBE_VIRTUAL_CLUSTER)).isZero();
    }
}
