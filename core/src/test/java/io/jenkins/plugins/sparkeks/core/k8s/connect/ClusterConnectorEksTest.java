package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.AwsService;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.auth.EksToken;
import io.jenkins.plugins.sparkeks.core.auth.EksTokenGenerator;
import io.jenkins.plugins.sparkeks.core.auth.StubAwsServer;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.emulator.ManualClock;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class ClusterConnectorEksTest {

    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String PODS = "/api/v1/namespaces/default/pods";
    private static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicReference<String> clusterStatus = new AtomicReference<>("ACTIVE");
    private KubernetesMockServer apiServer;
    private StubAwsServer eks;
    private AwsClientFactory aws;
    private ClusterConnector connector;
    private AwsSettings settings;

    @BeforeEach
    void setUp() {
        apiServer = new KubernetesMockServer(false);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        String endpoint = "http://127.0.0.1:" + apiServer.getPort();
        eks = new StubAwsServer(request -> describeCluster(request.pathAndQuery(), endpoint));
        aws = new AwsClientFactory();
        connector = new ClusterConnector(aws, new EksTokenGenerator(clock), () -> {
            throw new AssertionError("not in-cluster");
        }, null);
        settings = AwsSettings.of("us-east-1")
                .withCredentials(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET_KEY)))
                .withEndpoint(AwsService.EKS, eks.uri());
    }

    @AfterEach
    void tearDown() {
        connector.close();
        aws.close();
        eks.close();
        apiServer.destroy();
    }

    private StubAwsServer.Reply describeCluster(String path, String endpoint) {
        if (!path.equals("/clusters/my-cluster")) {
            return StubAwsServer.Reply.json(404, "{\"message\":\"No cluster found for name: " + path + ".\"}")
                    .withHeader("x-amzn-ErrorType", "ResourceNotFoundException");
        }
        return StubAwsServer.Reply.json(200, "{\"cluster\":{\"name\":\"my-cluster\","
                + "\"arn\":\"arn:aws:eks:us-east-1:111122223333:cluster/my-cluster\",\"endpoint\":\"" + endpoint + "\","
                + "\"status\":\"" + clusterStatus.get() + "\",\"version\":\"1.33\","
                + "\"certificateAuthority\":{\"data\":\"" + TestCa.BASE64 + "\"}}}");
    }

    private ClusterAccess.Eks access() {
        return new ClusterAccess.Eks(settings, "my-cluster");
    }

    @Test
    void describesTheClusterAndSendsAnEksTokenForIt() throws Exception {
        apiServer.expect().get().withPath(PODS).andReturn(200, new PodListBuilder().build()).once();

        ClusterConnection connection = connector.connect(access());
        connection.client().pods().inNamespace("default").list();

        assertThat(connection.coordinates()).isEqualTo(ClusterCoordinates.eks("us-east-1", "my-cluster"));
        assertThat(connection.defaultNamespace()).isEqualTo("default");
        String token = bearer(apiServer.takeRequest(5, TimeUnit.SECONDS));
        assertThat(token).startsWith(EksToken.PREFIX);
        String url = new String(Base64.getUrlDecoder().decode(token.substring(EksToken.PREFIX.length())),
                StandardCharsets.UTF_8);
        assertThat(URLDecoder.decode(url, StandardCharsets.UTF_8))
                .startsWith("https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity")
                .contains("X-Amz-SignedHeaders=host;x-k8s-aws-id", "X-Amz-Date=20260101T000000Z");
        assertThat(eks.requests()).singleElement().satisfies(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @Test
    void mintsANewTokenAndRetriesOnceWhenTheApiServerAnswers401() throws Exception {
        apiServer.expect().get().withPath(PODS).andReturn(200, new PodListBuilder().build()).once();
        apiServer.expect().get().withPath(PODS).andReturn(401, unauthorized()).once();
        apiServer.expect().get().withPath(PODS).andReturn(200, new PodListBuilder().build()).once();
        ClusterConnection connection = connector.connect(access());

        connection.client().pods().inNamespace("default").list();
        clock.advance(Duration.ofSeconds(30));
        connection.client().pods().inNamespace("default").list();

        String first = bearer(apiServer.takeRequest(5, TimeUnit.SECONDS));
        String refused = bearer(apiServer.takeRequest(5, TimeUnit.SECONDS));
        String retried = bearer(apiServer.takeRequest(5, TimeUnit.SECONDS));
        assertThat(refused).isEqualTo(first);
        assertThat(retried).startsWith(EksToken.PREFIX).isNotEqualTo(refused);
        assertThat(apiServer.getRequestCount()).isEqualTo(3);
    }

    @Test
    void doesNotReuseATokenFourteenMinutesOld() throws Exception {
        apiServer.expect().get().withPath(PODS).andReturn(200, new PodListBuilder().build()).times(3);
        ClusterConnection connection = connector.connect(access());

        connection.client().pods().inNamespace("default").list();
        clock.advance(Duration.ofMinutes(13));
        connection.client().pods().inNamespace("default").list();
        clock.advance(Duration.ofMinutes(1));
        connection.client().pods().inNamespace("default").list();

        String first = bearer(apiServer.takeRequest(5, TimeUnit.SECONDS));
        String at13 = bearer(apiServer.takeRequest(5, TimeUnit.SECONDS));
        String at14 = bearer(apiServer.takeRequest(5, TimeUnit.SECONDS));
        assertThat(at13).isEqualTo(first);
        assertThat(at14).isNotEqualTo(first);
    }

    @Test
    void sharesOneConnectionPerDistinctAccess() {
        ClusterAccess.Eks sameValues = new ClusterAccess.Eks(AwsSettings.of("us-east-1")
                .withCredentials(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET_KEY)))
                .withEndpoint(AwsService.EKS, eks.uri()), "my-cluster");

        ClusterConnection first = connector.connect(access());

        assertThat(connector.connect(sameValues)).isSameAs(first);
        assertThat(eks.requests()).hasSize(1);
    }

    @Test
    void concurrentBuildsOpeningTheSameClusterDescribeItOnceAndShareTheClient() throws Exception {
        int builds = 8;
        ExecutorService pool = Executors.newFixedThreadPool(builds);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ClusterConnection>> connections = new ArrayList<>();
            for (int i = 0; i < builds; i++) {
                connections.add(pool.submit(() -> {
                    start.await();
                    return connector.connect(access());
                }));
            }
            start.countDown();
            Set<ClusterConnection> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Future<ClusterConnection> connection : connections) {
                distinct.add(connection.get(60, TimeUnit.SECONDS));
            }

            assertThat(distinct).hasSize(1);
            assertThat(eks.requests()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void verifyAsksWhetherThisIdentityMayCreatePodsInTheNamespace() throws Exception {
        apiServer.expect().post().withPath(ACCESS_REVIEWS).andReturn(201, review(true, null)).once();

        assertThat(connector.verify(access(), "spark")).isEqualTo(
                "Connected to eks:us-east-1/my-cluster; may create pods in namespace 'spark'");
        String body = apiServer.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8();
        assertThat(body).contains("\"namespace\":\"spark\"", "\"verb\":\"create\"", "\"resource\":\"pods\"");
    }

    @Test
    void verifyNamesAMissingPermission() {
        apiServer.expect().post().withPath(ACCESS_REVIEWS).andReturn(201, review(false, "no RBAC policy matched"))
                .once();

        assertThatThrownBy(() -> connector.verify(access(), "spark"))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("may not create pods in namespace 'spark' (no RBAC policy matched)");
    }

    @Test
    void verifyExplainsAnIdentityTheClusterDoesNotKnow() {
        apiServer.expect().post().withPath(ACCESS_REVIEWS).andReturn(401, unauthorized()).always();

        assertThatThrownBy(() -> connector.verify(access(), "spark"))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("401").hasMessageContaining("access entry").hasMessageContaining("aws-auth");
    }

    private static String review(boolean allowed, String reason) {
        return Serialization.asJson(new SelfSubjectAccessReviewBuilder().withNewStatus().withAllowed(allowed)
                .withReason(reason).endStatus().build());
    }

    @Test
    void refusesAClusterThatIsNotActiveAndTriesAgainLater() {
        clusterStatus.set("CREATING");

        assertThatThrownBy(() -> connector.connect(access()))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("'my-cluster'").hasMessageContaining("CREATING").hasMessageContaining("ACTIVE");

        clusterStatus.set("ACTIVE");
        assertThat(connector.connect(access()).coordinates().clusterName()).isEqualTo("my-cluster");
    }

    @Test
    void explainsAnUnknownClusterWithoutShowingCredentials() {
        assertThatThrownBy(() -> connector.connect(new ClusterAccess.Eks(settings, "other")))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("'other'").hasMessageContaining("does not exist")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET_KEY));
    }

    private static String bearer(RecordedRequest request) {
        assertThat(request).as("request reached the API server").isNotNull();
        String header = request.getHeader("Authorization");
        assertThat(header).startsWith("Bearer ");
        return header.substring("Bearer ".length());
    }

    private static String unauthorized() {
        return Serialization.asJson(new StatusBuilder().withCode(401).withReason("Unauthorized")
                .withMessage("Unauthorized").withStatus("Failure").build());
    }
}
