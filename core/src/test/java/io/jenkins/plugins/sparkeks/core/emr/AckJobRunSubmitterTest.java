package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ACK JobRun path: a resource in the cluster, a (fake) ACK controller calling StartJobRun on the emulator. */
@EnableKubernetesMockClient(crud = true)
class AckJobRunSubmitterTest {

    static KubernetesClient client;

    private final EmulatedAws env = new EmulatedAws();
    private FakeAckController ack;
    private final AckJobRunSubmitter submitter = new AckJobRunSubmitter(client, "us-east-1");

    @AfterEach
    void close() {
        if (ack != null) {
            ack.close();
        }
        env.close();
    }


    @Test
    void aJobRunResourceBecomesARunFollowedLikeAnyOther() throws Exception {
        ack = FakeAckController.starting(client, "ack", env.emr);
        EmrJobRequest req = EmrBackendEmulatorTest.request("ack-pi").build();

        EmrJobRunReference ref = submitter.submit(req, new SubmissionKey("gitops-1"), "ack", Duration.ofSeconds(20), JobObserver.NONE)
                .reference();
        EmrJobRunReference again = submitter.submit(req, new SubmissionKey("gitops-1"), "ack", Duration.ofSeconds(20), JobObserver.NONE)
                .reference();

        assertThat(again.jobRunId()).isEqualTo(ref.jobRunId());
        assertThat(env.aws.calls(Operation.START_JOB_RUN)).isEqualTo(1);
        EmrBackend backend = env.backend(env.machinery(EmrPollSettings.fast()));
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), new RecordingObserver());
        env.advanceUntilDone(watch.result());
        assertThat(watch.result().get().state()).isEqualTo(JobState.SUCCEEDED);

        submitter.delete(new SubmissionKey("gitops-1"), "ack");
        assertThat(client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN).inNamespace("ack")
                .withName(AckJobRunSubmitter.resourceName(new SubmissionKey("gitops-1"))).get()).isNull();
    }

    @Test
    void aResourceAckGaveUpOnFailsWithAckSMessage() {
        ack = FakeAckController.refusing(client, "ack", "ValidationException: Virtual cluster vc1 is not in a RUNNING state");
        assertThatThrownBy(() -> submitter.submit(EmrBackendEmulatorTest.request("ack-bad").build(), new SubmissionKey("gitops-2"),
                "ack", Duration.ofSeconds(20), JobObserver.NONE))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("ACK could not start JobRun ack/" + AckJobRunSubmitter.resourceName(new SubmissionKey("gitops-2")))
                .hasMessageContaining("is not in a RUNNING state");
    }

    @Test
    void noControllerMeansABoundedWaitAndAClearMessage() {
        assertThatThrownBy(() -> submitter.submit(EmrBackendEmulatorTest.request("ack-none").build(), new SubmissionKey("gitops-3"),
                "ack", Duration.ofMillis(300), JobObserver.NONE))
                .isInstanceOf(JobException.class).hasMessageContaining("is the ACK emrcontainers controller running");
    }

    @Test
    void whatAckCannotExpressIsRefusedUpFront() {
        EmrJobRequest req = EmrBackendEmulatorTest.request("x").sparkSql("s3://b/q.sql", null).retryMaxAttempts(2)
                .jobTemplate("tmpl1", Map.of()).managedLogs(new EmrManagedLogs(false, null)).build();
        assertThat(AckJobRunSubmitter.validate(req).errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("sparkSqlJobDriver", "jobTemplateId", "retryMaxAttempts",
                        "allowAwsToRetainLogs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theResourceCarriesTheRequestWithOverridesAsAckReadsThem() {
        EmrJobRequest req = EmrBackendEmulatorTest.request("etl").s3Logs("s3://logs/emr")
                .configuration(EmrConfiguration.of("spark-defaults", Map.of("spark.executor.instances", "2"))).tag("team", "data")
                .build();

        GenericKubernetesResource r = AckJobRunSubmitter.resource(req, new SubmissionKey("k"), "ack");

        assertThat(r.getApiVersion()).isEqualTo("emrcontainers.services.k8s.aws/v1alpha1");
        assertThat(r.getMetadata().getName()).matches("spark-on-eks-[0-9a-f]{31}");
        Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("virtualClusterID", "vc1").containsEntry("executionRoleARN", EmulatedAws.ROLE)
                .containsEntry("tags", Map.of("team", "data"));
        Map<String, Object> overrides = Serialization.unmarshal((String) spec.get("configurationOverrides"), Map.class);
        assertThat(overrides).containsOnlyKeys("ApplicationConfiguration", "MonitoringConfiguration");
        assertThat((Map<String, Object>) overrides.get("MonitoringConfiguration"))
                .containsEntry("CloudWatchMonitoringConfiguration", Map.of("LogGroupName", "/emr/jobs", "LogStreamNamePrefix", "ci"))
                .containsEntry("S3MonitoringConfiguration", Map.of("LogUri", "s3://logs/emr"));
    }
}
