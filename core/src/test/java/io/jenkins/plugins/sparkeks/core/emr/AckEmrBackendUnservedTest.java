package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A cluster without the ACK CRDs answers 404 for the JobRun type: that is said before anything is created. */
@EnableKubernetesMockClient
class AckEmrBackendUnservedTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private final EmulatedAws env = new EmulatedAws();

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void aClusterWithoutTheJobRunCrdIsNamedWithTheFix() {
        AckEmrBackend backend = new AckEmrBackend(client, env.backend(env.machinery(EmrPollSettings.fast())),
                Duration.ofSeconds(1), env.scheduler);

        assertThatThrownBy(() -> backend.submit(EmrBackendEmulatorTest.request("no-ack").build(),
                new SubmissionKey("no-crd"), new RecordingObserver()))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("does not serve jobruns.emrcontainers.services.k8s.aws")
                .hasMessageContaining("install the ACK emrcontainers controller");
        // only the type was asked about: no record, no JobRun was attempted
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
