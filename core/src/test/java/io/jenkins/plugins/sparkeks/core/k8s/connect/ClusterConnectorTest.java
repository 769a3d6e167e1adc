package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.EksTokenGenerator;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kubeconfig and server+token access against the fabric8 mock API server. */
class ClusterConnectorTest {

    static final String KUBECONFIG_TOKEN = "kubeconfig-secret-token-123";

    private static KubernetesMockServer apiServer;
    private static String server;
    private AwsClientFactory aws;
    private ClusterConnector connector;

    @BeforeAll
    static void startApiServer() {
        apiServer = new KubernetesMockServer(false);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        server = "http://127.0.0.1:" + apiServer.getPort();
    }

    @AfterAll
    static void stopApiServer() {
        apiServer.destroy();
    }

    @BeforeEach
    void setUp() {
        aws = new AwsClientFactory();
        connector = new ClusterConnector(aws, new EksTokenGenerator(),
                () -> new InClusterEnvironment(null, null, InClusterEnvironment.DEFAULT_SERVICE_ACCOUNT_DIR), null);
    }

    @AfterEach
    void tearDown() {
        connector.close();
        aws.close();
    }

    static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                - name: nowhere
                  cluster: {}
                contexts:
                - name: dev
                  context: {cluster: mock, user: builder, namespace: spark-jobs}
                - name: prod
                  context: {cluster: mock, user: builder}
                - name: broken
                  context: {cluster: nowhere, user: builder}
                current-context: dev
                users:
                - name: builder
                  user:
                    token: %s
                """.formatted(server, KUBECONFIG_TOKEN);
    }

    @Test
    void kubeconfigUsesTheCurrentContextItsNamespaceAndItsCredentials() throws Exception {
        apiServer.expect().get().withPath("/api/v1/namespaces/spark-jobs/pods")
                .andReturn(200, new PodListBuilder().build()).once();

        ClusterConnection connection = connector.connect(new ClusterAccess.Kubeconfig(kubeconfig(server), null));
        connection.client().pods().list();

        assertThat(connection.defaultNamespace()).isEqualTo("spark-jobs");
        assertThat(connection.coordinates()).isEqualTo(ClusterCoordinates.server(server));
        RecordedRequest request = apiServer.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getPath()).isEqualTo("/api/v1/namespaces/spark-jobs/pods");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KUBECONFIG_TOKEN);
    }

    @Test
    void kubeconfigIsNotOverriddenByThisJvmsKubernetesProperties() throws Exception {
        apiServer.expect().get().withPath("/api/v1/namespaces/spark-jobs/pods")
                .andReturn(200, new PodListBuilder().build()).once();
        System.setProperty("kubernetes.namespace", "leaked-namespace");
        System.setProperty("kubernetes.auth.token", "leaked-token");
        System.setProperty("kubernetes.master", "http://127.0.0.1:1");
        try {
            ClusterConnection connection = connector.connect(new ClusterAccess.Kubeconfig(kubeconfig(server), null));
            connection.client().pods().list();

            assertThat(connection.defaultNamespace()).isEqualTo("spark-jobs");
            assertThat(apiServer.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"))
                    .isEqualTo("Bearer " + KUBECONFIG_TOKEN);
        } finally {
            System.clearProperty("kubernetes.namespace");
            System.clearProperty("kubernetes.auth.token");
            System.clearProperty("kubernetes.master");
        }
    }

    @Test
    void kubeconfigWithANamedContextWithoutNamespaceFallsBackToDefault() {
        ClusterConnection connection = connector.connect(new ClusterAccess.Kubeconfig(kubeconfig(server), "prod"));

        assertThat(connection.defaultNamespace()).isEqualTo("default");
    }

    @Test
    void unknownContextIsNamedWithTheAvailableOnesAndNoContent() {
        assertThatThrownBy(() -> connector.connect(new ClusterAccess.Kubeconfig(kubeconfig(server), "staging")))
                .isInstanceOfSatisfying(InvalidJobSpecException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("context");
                    assertThat(e.getMessage()).contains("'staging'", "dev, prod, broken")
                            .doesNotContain(KUBECONFIG_TOKEN, server);
                });
    }

    @Test
    void contextWhoseClusterHasNoServerIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> connector.connect(new ClusterAccess.Kubeconfig(kubeconfig(server), "broken")))
                .isInstanceOfSatisfying(InvalidJobSpecException.class, e -> assertThat(e.getMessage())
                        .contains("'broken'", "'nowhere'").doesNotContain(KUBECONFIG_TOKEN));
    }

    @Test
    void unparsableKubeconfigReportsOnlyWhereItBroke() {
        String broken = "apiVersion: v1\nusers:\n- name: x\n  user: {token: " + KUBECONFIG_TOKEN + "\n  : : [\n";

        assertThatThrownBy(() -> connector.connect(new ClusterAccess.Kubeconfig(broken, null)))
                .isInstanceOfSatisfying(InvalidJobSpecException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("kubeconfig");
                    assertThat(e.getMessage()).contains("not a valid kubeconfig").doesNotContain(KUBECONFIG_TOKEN);
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void serverTokenSendsTheTokenAndEqualAccessesShareTheClient() throws Exception {
        apiServer.expect().get().withPath("/api/v1/namespaces/default/pods")
                .andReturn(200, new PodListBuilder().build()).once();
        ClusterAccess.ServerToken access = new ClusterAccess.ServerToken(server, "sa-token-xyz", TestCa.PEM, false);

        ClusterConnection connection = connector.connect(access);
        connection.client().pods().list();

        assertThat(connector.connect(new ClusterAccess.ServerToken(server, "sa-token-xyz", TestCa.PEM, false)))
                .isSameAs(connection);
        assertThat(connector.connect(new ClusterAccess.ServerToken(server, "other-token", null, false)))
                .isNotSameAs(connection);
        assertThat(apiServer.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"))
                .isEqualTo("Bearer sa-token-xyz");
        assertThat(connection.client().getConfiguration().getCaCertData()).isEqualTo(TestCa.BASE64);
    }

    @Test
    void inClusterOutsideAPodIsAFieldErrorWithAFix() {
        assertThatThrownBy(() -> connector.connect(new ClusterAccess.InCluster()))
                .isInstanceOfSatisfying(InvalidJobSpecException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).contains("inCluster");
                    assertThat(e.getMessage()).contains("KUBERNETES_SERVICE_HOST");
                });
    }

    @Test
    void refusesUseAfterClose() {
        connector.close();

        assertThatThrownBy(() -> connector.connect(new ClusterAccess.ServerToken(server, "t", null, false)))
                .isInstanceOf(IllegalStateException.class);
    }
}
