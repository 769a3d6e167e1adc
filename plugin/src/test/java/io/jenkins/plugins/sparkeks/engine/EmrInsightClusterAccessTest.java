package io.jenkins.plugins.sparkeks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.insight.InsightMachinery;
import io.jenkins.plugins.sparkeks.core.insight.InsightWiring;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterAccess;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnection;
import io.jenkins.plugins.sparkeks.job.EmrJobDefinition;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmrInsightClusterAccessTest {

    private static final SparkOnEksDefaults GLOBAL =
            new SparkOnEksDefaults("us-west-2", null, null, null, null, null, null, null, null);
    private static final AwsSettings SETTINGS = AwsSettings.of("us-west-2");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final InsightWiring noCluster = InsightWiring.of(null, null, new InsightMachinery(scheduler), null);

    @SuppressWarnings("unchecked")
    private final Supplier<String> eksClusterName = mock(Supplier.class);

    @SuppressWarnings("unchecked")
    private final Function<ClusterAccess, ClusterConnection> connect = mock(Function.class);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static EmrJobDefinition definition(Boolean clusterAccess) {
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setVirtualClusterId("vc123");
        step.setExecutionRoleArn("arn:aws:iam::123456789012:role/emr-job");
        step.setReleaseLabel("emr-7.5.0-latest");
        step.setEntryPoint("s3://bucket/app.py");
        if (clusterAccess != null) {
            step.setClusterAccess(clusterAccess);
        }
        return step.toDefinition(GLOBAL);
    }

    @Test
    void offByDefaultNothingIsLookedUpOrConnected() {
        EmrJobDefinition d = definition(null);

        InsightWiring wiring = CoreJobEngines.emrInsight(d, SETTINGS, noCluster, eksClusterName, connect);

        assertThat(d.clusterAccess()).isFalse();
        assertThat(wiring).isSameAs(noCluster);
        verifyNoInteractions(eksClusterName, connect);
    }

    @Test
    void whenOnTheVirtualClustersEksClusterIsConnectedWithTheStepsIdentityAndItsClientReachesInsight() {
        EmrJobDefinition d = definition(true);
        KubernetesClient client = mock(KubernetesClient.class);
        ClusterCoordinates coordinates = ClusterCoordinates.eks("us-west-2", "prod");
        when(eksClusterName.get()).thenReturn("prod");
        when(connect.apply(any())).thenReturn(new ClusterConnection(client, coordinates, null));

        InsightWiring wiring = CoreJobEngines.emrInsight(d, SETTINGS, noCluster, eksClusterName, connect);

        assertThat(d.clusterAccess()).isTrue();
        verify(connect).apply(new ClusterAccess.Eks(SETTINGS, "prod"));
        assertThat(wiring.client()).isSameAs(client);
        assertThat(wiring.clusterKey()).isEqualTo(coordinates);
        assertThat(wiring.machinery()).isSameAs(noCluster.machinery());
        assertThat(wiring.noClientReason()).isNull();
    }

    @Test
    void withInsightOffTheClusterIsStillConnectedForEndDetection() {
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setVirtualClusterId("vc123");
        step.setExecutionRoleArn("arn:aws:iam::123456789012:role/emr-job");
        step.setReleaseLabel("emr-7.5.0-latest");
        step.setEntryPoint("s3://bucket/app.py");
        step.setClusterAccess(true);
        step.setSparkInsight(false);
        KubernetesClient client = mock(KubernetesClient.class);
        when(eksClusterName.get()).thenReturn("prod");
        when(connect.apply(any()))
                .thenReturn(new ClusterConnection(client, ClusterCoordinates.eks("us-west-2", "prod"), null));

        InsightWiring wiring =
                CoreJobEngines.emrInsight(step.toDefinition(GLOBAL), SETTINGS, noCluster, eksClusterName, connect);

        verify(connect).apply(new ClusterAccess.Eks(SETTINGS, "prod"));
        assertThat(wiring.client()).isSameAs(client);
    }

    @Test
    void aRefusedConnectionLeavesInsightWithoutClientAndSaysWhy() {
        when(eksClusterName.get()).thenReturn("prod");
        when(connect.apply(any())).thenThrow(new IllegalStateException("AccessDeniedException: eks:DescribeCluster"));

        InsightWiring wiring =
                CoreJobEngines.emrInsight(definition(true), SETTINGS, noCluster, eksClusterName, connect);

        assertThat(wiring.client()).isNull();
        assertThat(wiring.noClientReason())
                .isEqualTo("EKS cluster prod refused the connection: AccessDeniedException: eks:DescribeCluster");
    }
}
