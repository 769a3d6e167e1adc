package io.jenkins.plugins.sparkeks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.emr.AckEmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrPollSettings;
import io.jenkins.plugins.sparkeks.core.emr.EmrWatchMachinery;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterAccess;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnection;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiter;
import io.jenkins.plugins.sparkeks.job.EmrJobDefinition;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;

/** {@code submitThrough} picks the core backend; {@code ack} reaches the cluster through the one cluster-access setting. */
class EmrSubmitThroughTest {

    private static final SparkOnEksDefaults GLOBAL =
            new SparkOnEksDefaults("us-west-2", null, null, null, null, null, null, null, null);
    private static final AwsSettings SETTINGS = AwsSettings.of("us-west-2");

    private final EmrWatchMachinery machinery = EmrWatchMachinery.create(EmrPollSettings.fast());
    private final EmrBackend api = new EmrBackend(
            "us-west-2", mock(EmrContainersClient.class), null, null, mock(CloudWatchRateLimiter.class), machinery);

    @SuppressWarnings("unchecked")
    private final Supplier<String> eksClusterName = mock(Supplier.class);

    @SuppressWarnings("unchecked")
    private final Function<ClusterAccess, ClusterConnection> connect = mock(Function.class);

    @AfterEach
    void stop() {
        machinery.scheduler().shutdownNow();
    }

    private static EmrStartJobRunStep step() {
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setVirtualClusterId("vc123");
        step.setExecutionRoleArn("arn:aws:iam::123456789012:role/emr-job");
        step.setReleaseLabel("emr-7.5.0-latest");
        step.setEntryPoint("s3://bucket/app.py");
        return step;
    }

    @Test
    void byDefaultTheRunStartsThroughTheApiAndNothingIsConnected() {
        EmrJobDefinition d = step().toDefinition(GLOBAL);

        SparkJobBackend<EmrJobRequest> backend = CoreJobEngines.emrBackend(d, SETTINGS, api, eksClusterName, connect);

        assertThat(d.submitThrough()).isEqualTo("api");
        assertThat(backend).isSameAs(api);
        verifyNoInteractions(eksClusterName, connect);
    }

    @Test
    void ackConnectsTheVirtualClustersEksClusterWithTheStepsIdentity() {
        EmrStartJobRunStep step = step();
        step.setSubmitThrough("ACK");
        step.setClusterAccess(true);
        EmrJobDefinition d = step.toDefinition(GLOBAL);
        when(eksClusterName.get()).thenReturn("prod");
        when(connect.apply(any()))
                .thenReturn(new ClusterConnection(
                        mock(KubernetesClient.class), ClusterCoordinates.eks("us-west-2", "prod"), null));

        SparkJobBackend<EmrJobRequest> backend = CoreJobEngines.emrBackend(d, SETTINGS, api, eksClusterName, connect);

        assertThat(d.submitThrough()).isEqualTo("ack");
        assertThat(backend).isInstanceOf(AckEmrBackend.class);
        verify(connect).apply(new ClusterAccess.Eks(SETTINGS, "prod"));
    }

    @Test
    void ackWithoutClusterAccessIsRefusedNamingTheSettingToTurnOn() {
        EmrStartJobRunStep step = step();
        step.setSubmitThrough("ack");

        assertThatThrownBy(() -> step.toDefinition(GLOBAL))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("submitThrough")
                .hasMessageContaining("clusterAccess: true");
    }

    @Test
    void anUnknownWayIsRefused() {
        EmrStartJobRunStep step = step();
        step.setSubmitThrough("kubectl");

        assertThatThrownBy(() -> step.toDefinition(GLOBAL))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("submitThrough")
                .hasMessageContaining("'kubectl'");
    }

    @Test
    void anUnreachableClusterSaysWhatAckModeNeeded() {
        EmrStartJobRunStep step = step();
        step.setSubmitThrough("ack");
        step.setClusterAccess(true);
        when(eksClusterName.get()).thenReturn("prod");
        when(connect.apply(any())).thenThrow(new IllegalStateException("AccessDeniedException: eks:DescribeCluster"));

        assertThatThrownBy(() ->
                        CoreJobEngines.emrBackend(step.toDefinition(GLOBAL), SETTINGS, api, eksClusterName, connect))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("EKS cluster prod")
                .hasMessageContaining("eks:DescribeCluster")
                .hasMessageContaining("submit through 'api'");
    }
}
