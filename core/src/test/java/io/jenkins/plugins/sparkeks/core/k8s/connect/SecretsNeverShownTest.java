package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.AwsService;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.auth.EksTokenGenerator;
import io.jenkins.plugins.sparkeks.core.auth.EksTokenProvider;
import io.jenkins.plugins.sparkeks.core.auth.StubAwsServer;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Every way a secret could surface (toString, exception messages and their causes' stack traces) is exercised with
 * recognisable secrets, and none may appear.
 */
class SecretsNeverShownTest {

    private static final String ACCESS_KEY = "AKIAEXAMPLESECRET001";
    private static final String SECRET_KEY = "secretKEY/never-show-me/EXAMPLEKEY0001";
    private static final String SESSION_TOKEN = "sessionTOKEN-never-show-me-0001";
    private static final String BEARER = "bearer-never-show-me-0001";
    private static final String EXTERNAL_ID = "external-id-never-show-me";
    private static final List<String> SECRETS = List.of(SECRET_KEY, SESSION_TOKEN, BEARER, EXTERNAL_ID,
            ClusterConnectorTest.KUBECONFIG_TOKEN);

    private KubernetesMockServer apiServer;
    private StubAwsServer awsStub;
    private AwsClientFactory aws;
    private ClusterConnector connector;
    private AwsSettings settings;

    @BeforeEach
    void setUp() {
        apiServer = new KubernetesMockServer(false);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        awsStub = new StubAwsServer(request -> StubAwsServer.Reply.json(403,
                "{\"message\":\"User: arn:aws:iam::111122223333:user/ci is not authorized to perform: eks:DescribeCluster\"}")
                .withHeader("x-amzn-ErrorType", "AccessDeniedException"));
        aws = new AwsClientFactory();
        connector = new ClusterConnector(aws, new EksTokenGenerator(),
                () -> new InClusterEnvironment(null, null, InClusterEnvironment.DEFAULT_SERVICE_ACCOUNT_DIR), null);
        settings = AwsSettings.of("us-east-1")
                .withCredentials(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)))
                .withRole("arn:aws:iam::111122223333:role/spark", "ci", EXTERNAL_ID)
                .withEndpoint(AwsService.EKS, awsStub.uri())
                .withEndpoint(AwsService.STS, awsStub.uri());
    }

    @AfterEach
    void tearDown() {
        connector.close();
        aws.close();
        awsStub.close();
        apiServer.destroy();
    }

    @Test
    void noSecretInAnyToString() {
        String server = "http://127.0.0.1:" + apiServer.getPort();
        ClusterAccess.ServerToken serverToken = new ClusterAccess.ServerToken(server, BEARER, null, false);
        List<Object> values = new ArrayList<>(List.of(
                settings,
                new ClusterAccess.Eks(settings, "prod"),
                new ClusterAccess.Kubeconfig(ClusterConnectorTest.kubeconfig(server), "dev"),
                serverToken,
                connector.connect(serverToken),
                new BearerTokenInterceptor(new EksTokenProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)), Region.US_EAST_1,
                        "prod", new EksTokenGenerator()))));
        EksTokenProvider provider = new EksTokenProvider(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)), Region.US_EAST_1, "prod",
                new EksTokenGenerator());
        String eksToken = provider.token();
        values.add(provider);

        for (Object value : values) {
            assertThat(value.toString()).as(value.getClass().getSimpleName())
                    .doesNotContain(SECRETS).doesNotContain(eksToken.substring(20, 60));
        }
    }

    @Test
    void noSecretInTheFailureOfAnEksLookup() {
        Throwable failure = catchThrowable(() -> connector.connect(new ClusterAccess.Eks(settings, "prod")));

        assertThat(failure).isInstanceOf(JobException.class).hasMessageContaining("'prod'");
        assertThat(fullTrace(failure)).doesNotContain(SECRETS);
    }

    @Test
    void noSecretInKubeconfigErrors() {
        String server = "http://127.0.0.1:" + apiServer.getPort();
        Throwable unknownContext = catchThrowable(() -> connector.connect(
                new ClusterAccess.Kubeconfig(ClusterConnectorTest.kubeconfig(server), "nope")));
        Throwable unparsable = catchThrowable(() -> connector.connect(new ClusterAccess.Kubeconfig(
                "users: [{name: a, user: {token: " + ClusterConnectorTest.KUBECONFIG_TOKEN + "}}\n  ]]: {", null)));

        assertThat(fullTrace(unknownContext)).doesNotContain(SECRETS);
        assertThat(fullTrace(unparsable)).doesNotContain(SECRETS);
    }

    @Test
    void noSecretWhenTheApiServerRefusesTheToken() {
        apiServer.expect().get().withPath("/api/v1/namespaces/default/pods").andReturn(401,
                Serialization.asJson(new StatusBuilder().withCode(401).withMessage("Unauthorized").build())).always();
        ClusterConnection connection = connector.connect(new ClusterAccess.ServerToken(
                "http://127.0.0.1:" + apiServer.getPort(), BEARER, null, false));

        Throwable refused = catchThrowable(() -> connection.client().pods().list());

        assertThat(refused).isNotNull();
        assertThat(fullTrace(refused)).contains("Unauthorized").doesNotContain(SECRETS);
    }

    private static String fullTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
