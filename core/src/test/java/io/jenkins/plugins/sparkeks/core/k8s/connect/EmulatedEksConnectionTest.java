package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.AwsService;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.auth.EksToken;
import io.jenkins.plugins.sparkeks.core.auth.EksTokenGenerator;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.emulator.AssumedRoleSession;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.EksCluster;
import io.jenkins.plugins.sparkeks.emulator.ManualClock;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import io.jenkins.plugins.sparkeks.emulator.RecordedCall;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The EKS path end to end through the project's AWS emulator: AssumeRole, DescribeCluster, token, API call. */
class EmulatedEksConnectionTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/spark-submitter";

    private KubernetesMockServer apiServer;
    private AwsEmulator emulator;
    private AwsClientFactory aws;
    private ClusterConnector connector;
    private AwsSettings settings;

    @BeforeEach
    void setUp() {
        apiServer = new KubernetesMockServer(false);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        // the SDK judges assumed-role expiry by the real clock, so the emulator's clock starts at real time
        emulator = AwsEmulator.builder().clock(new ManualClock(Instant.now())).start().eksCluster(
                EksCluster.active("analytics", "http://127.0.0.1:" + apiServer.getPort(), TestCa.PEM));
        aws = new AwsClientFactory();
        connector = new ClusterConnector(aws, new EksTokenGenerator(emulator.clock()), () -> {
            throw new AssertionError("not in-cluster");
        }, null);
        settings = AwsSettings.of(emulator.region())
                .withCredentials(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
                .withRole(ROLE, "build-17", null)
                .withEndpoint(AwsService.EKS, emulator.endpoint())
                .withEndpoint(AwsService.STS, emulator.endpoint());
    }

    @AfterEach
    void tearDown() {
        connector.close();
        aws.close();
        emulator.close();
        apiServer.destroy();
    }

    @Test
    void assumesTheRoleDescribesTheClusterAndAuthenticatesAsTheRole() throws Exception {
        apiServer.expect().get().withPath("/api/v1/namespaces/default/pods")
                .andReturn(200, new PodListBuilder().build()).once();

        ClusterConnection connection = connector.connect(new ClusterAccess.Eks(settings, "analytics"));
        connection.client().pods().list();

        assertThat(emulator.assumedRoles()).hasSize(1);
        AssumedRoleSession session = emulator.assumedRoles().get(0);
        assertThat(session.roleArn()).isEqualTo(ROLE);
        assertThat(session.sessionName()).isEqualTo("build-17");
        assertThat(session.callerAccessKeyId()).isEqualTo(AwsEmulator.ACCESS_KEY_ID);
        assertThat(emulator.recordedCalls()).filteredOn(c -> c.operation() == Operation.DESCRIBE_CLUSTER)
                .extracting(RecordedCall::accessKeyId).containsExactly(session.accessKeyId());
        String header = apiServer.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization");
        String url = URLDecoder.decode(new String(Base64.getUrlDecoder().decode(
                header.substring(("Bearer " + EksToken.PREFIX).length())), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(url).contains("X-Amz-Credential=" + session.accessKeyId() + "/", "X-Amz-Security-Token=");
    }

    @Test
    void aClusterBeingDeletedIsRefused() {
        emulator.eksCluster(EksCluster.active("analytics", "http://127.0.0.1:" + apiServer.getPort(), TestCa.PEM)
                .withStatus("DELETING"));

        assertThatThrownBy(() -> connector.connect(new ClusterAccess.Eks(settings, "analytics")))
                .isInstanceOf(JobException.class).hasMessageContaining("DELETING");
    }
}
