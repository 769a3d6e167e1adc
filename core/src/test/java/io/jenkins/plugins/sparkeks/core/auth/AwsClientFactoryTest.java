package io.jenkins.plugins.sparkeks.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.emulator.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

class AwsClientFactoryTest {

    private static final String BASE_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String ASSUMED_KEY = "ASIAASSUMEDEXAMPLE01";

    private final AwsClientFactory factory = new AwsClientFactory();
    private StubAwsServer stub;

    @AfterEach
    void tearDown() {
        factory.close();
        if (stub != null) {
            stub.close();
        }
    }

    private static StaticCredentialsProvider baseCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(BASE_KEY, AwsSettingsTest.SECRET));
    }

    @Test
    void theOwnedHttpClientIsMadeByTheFirstAwsClientAndClosedWithTheFactory() {
        List<SdkHttpClient> made = new CopyOnWriteArrayList<>();
        OwnedHttpClient owned = new OwnedHttpClient(() -> {
            SdkHttpClient http = UrlConnectionHttpClient.create();
            made.add(http);
            return http;
        });
        try (AwsClientFactory lazy = new AwsClientFactory(owned)) {
            // a Kubernetes-only command builds its factory and never calls AWS: no HTTP client, no trust store
            assertThat(made).isEmpty();
            AwsSettings settings = AwsSettings.of("us-east-1").withCredentials(baseCredentials());
            lazy.sts(settings);
            lazy.eks(settings);
            assertThat(made).hasSize(1);
        }
        assertThatThrownBy(owned::get).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sharesOneClientPerDistinctSettingsAndComparesStaticKeysByValue() {
        AwsSettings a = AwsSettings.of("us-east-1").withCredentials(baseCredentials());
        AwsSettings sameKeysNewProvider = AwsSettings.of("us-east-1").withCredentials(baseCredentials());
        AwsSettings otherRegion = AwsSettings.of("eu-west-1").withCredentials(baseCredentials());

        assertThat(factory.eks(a)).isSameAs(factory.eks(sameKeysNewProvider)).isNotSameAs(factory.eks(otherRegion));
        assertThat(factory.emrContainers(a)).isSameAs(factory.emrContainers(sameKeysNewProvider));
        assertThat(factory.logs(a)).isSameAs(factory.logs(a));
        assertThat(factory.credentials(a)).isSameAs(factory.credentials(sameKeysNewProvider));
    }

    @Test
    void assumesTheRoleOnceAndSignsCallsWithTheAssumedCredentials() {
        stub = new StubAwsServer(request -> request.body().contains("Action=AssumeRole")
                ? StubAwsServer.Reply.xml(assumeRoleResponse())
                : StubAwsServer.Reply.xml(callerIdentityResponse()));
        AwsSettings settings = AwsSettings.of("us-east-1").withCredentials(baseCredentials())
                .withRole("arn:aws:iam::111122223333:role/spark", "build-42", "ext-77")
                .withEndpoint(AwsService.STS, stub.uri());

        factory.sts(settings).getCallerIdentity();
        factory.sts(settings).getCallerIdentity();

        assertThat(stub.requests()).hasSize(3);
        StubAwsServer.Request assume = stub.requests().get(0);
        assertThat(assume.body()).contains("Action=AssumeRole", "RoleSessionName=build-42", "ExternalId=ext-77",
                "RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fspark");
        assertThat(assume.credentialAccessKey()).isEqualTo(BASE_KEY);
        assertThat(stub.requests().subList(1, 3)).allSatisfy(call -> {
            assertThat(call.body()).contains("Action=GetCallerIdentity");
            assertThat(call.credentialAccessKey()).isEqualTo(ASSUMED_KEY);
        });
    }

    @Test
    void usesPathStyleS3AddressingAgainstAnOverriddenEndpoint() {
        stub = new StubAwsServer(request -> StubAwsServer.Reply.xml(
                "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>logs-bucket</Name>"
                        + "<KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>"));
        AwsSettings settings = AwsSettings.of("us-east-1").withCredentials(baseCredentials())
                .withEndpoint(AwsService.S3, stub.uri());

        factory.s3(settings).listObjectsV2(ListObjectsV2Request.builder().bucket("logs-bucket").build());

        assertThat(stub.requests()).singleElement()
                .satisfies(r -> assertThat(r.pathAndQuery()).startsWith("/logs-bucket"));
    }

    @Test
    void refusesUseAfterClose() {
        AwsSettings settings = AwsSettings.of("us-east-1").withCredentials(baseCredentials());
        factory.close();

        assertThatThrownBy(() -> factory.eks(settings)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closesTheClientsOfARotatedKeyOnceTheyFallIdle() {
        stub = callerIdentityStub();
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        SdkHttpClient http = UrlConnectionHttpClient.create();
        List<SdkAutoCloseable> closed = new CopyOnWriteArrayList<>();
        try (AwsClientFactory idling = new AwsClientFactory(() -> http, clock, Duration.ofHours(1), c -> {
            closed.add(c);
            c.close();
        })) {
            AwsSettings oldKey = stsAt(stub, "AKIAOLDKEYEXAMPLE001");
            AwsSettings newKey = stsAt(stub, "AKIANEWKEYEXAMPLE001");
            StsClient old = idling.sts(oldKey);
            old.getCallerIdentity();

            clock.advance(Duration.ofMinutes(30));
            StsClient rotated = idling.sts(newKey);
            clock.advance(Duration.ofMinutes(45));
            rotated.getCallerIdentity();
            assertThat(idling.sts(newKey)).isSameAs(rotated);

            assertThat(idling.cachedClients()).as("the old key's client, idle 75 minutes, is gone").isEqualTo(1);
            assertThat(closed).as("and closed").containsExactly(old);
            // a build still holding it is not broken: the SDK leaves the shared HTTP client and credentials open
            assertThat(old.getCallerIdentity().account()).isEqualTo("111122223333");
            assertThat(idling.sts(oldKey)).as("asking again makes a new one").isNotSameAs(old);
        }
    }

    @Test
    void keepsAClientThatKeepsSigningRequestsThoughNobodyAsksForItAgain() {
        stub = callerIdentityStub();
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        SdkHttpClient http = UrlConnectionHttpClient.create();
        try (AwsClientFactory idling = new AwsClientFactory(() -> http, clock, Duration.ofHours(1))) {
            AwsSettings polling = stsAt(stub, "AKIAPOLLINGEXAMPLE01");
            StsClient poller = idling.sts(polling);

            for (int i = 0; i < 9; i++) {
                clock.advance(Duration.ofMinutes(20));
                poller.getCallerIdentity();
                idling.sts(stsAt(stub, "AKIAOTHERKEYEXAMPLE" + i)); // other builds trigger the sweeps
            }

            assertThat(idling.sts(polling)).as("3 hours of use, never idle").isSameAs(poller);
        }
    }

    @Test
    void makesNewClientsWhenTheHttpClientChangesAndClosesTheOldOnesOnceIdle() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        AtomicReference<SdkHttpClient> transport = new AtomicReference<>(UrlConnectionHttpClient.create());
        try (AwsClientFactory following = new AwsClientFactory(transport::get, clock, Duration.ofHours(1))) {
            AwsSettings settings = AwsSettings.of("us-east-1").withCredentials(baseCredentials());
            StsClient before = following.sts(settings);

            transport.set(UrlConnectionHttpClient.create()); // e.g. the proxy was changed
            StsClient after = following.sts(settings);
            assertThat(after).isNotSameAs(before);
            assertThat(following.sts(settings)).isSameAs(after);

            clock.advance(Duration.ofMinutes(90));
            following.sts(settings);
            assertThat(following.cachedClients()).isEqualTo(1);
        }
    }

    @Test
    void aProviderHeldPastItsEvictionHandsOverToAFreshOneInsteadOfItsClosedStsClient() {
        stub = new StubAwsServer(request -> request.body().contains("Action=AssumeRole")
                ? StubAwsServer.Reply.xml(assumeRoleResponse())
                : StubAwsServer.Reply.xml(callerIdentityResponse()));
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        SdkHttpClient http = UrlConnectionHttpClient.create();
        List<SdkAutoCloseable> closed = new CopyOnWriteArrayList<>();
        try (AwsClientFactory idling = new AwsClientFactory(() -> http, clock, Duration.ofHours(1), c -> {
            closed.add(c);
            c.close();
        })) {
            AwsSettings role = AwsSettings.of("us-east-1").withCredentials(baseCredentials())
                    .withRole("arn:aws:iam::111122223333:role/spark", "build-42", null)
                    .withEndpoint(AwsService.STS, stub.uri());
            AwsCredentialsProvider held = idling.credentials(role); // as an EKS token source holds it
            assertThat(held.resolveCredentials().accessKeyId()).isEqualTo(ASSUMED_KEY);

            clock.advance(Duration.ofMinutes(90));
            idling.sts(stsAt(stub, "AKIAOTHERKEYEXAMPLE0")); // another build triggers the sweep
            assertThat(closed).as("the role's STS client and provider were closed").hasSize(2);

            assertThat(held.resolveCredentials().accessKeyId()).isEqualTo(ASSUMED_KEY);
            assertThat(stub.requests().stream().filter(r -> r.body().contains("Action=AssumeRole")))
                    .as("assumed again by a new provider").hasSize(2);
            assertThat(idling.credentials(role)).isNotSameAs(held);
        }
    }

    private static StubAwsServer callerIdentityStub() {
        return new StubAwsServer(request -> StubAwsServer.Reply.xml(callerIdentityResponse()));
    }

    private static AwsSettings stsAt(StubAwsServer server, String accessKey) {
        return AwsSettings.of("us-east-1")
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .withEndpoint(AwsService.STS, server.uri());
    }

    private static String assumeRoleResponse() {
        Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + "<Credentials><AccessKeyId>" + ASSUMED_KEY + "</AccessKeyId>"
                + "<SecretAccessKey>assumedSecretExample</SecretAccessKey><SessionToken>assumedSessionToken</SessionToken>"
                + "<Expiration>" + expiry + "</Expiration></Credentials>"
                + "<AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/spark/build-42</Arn>"
                + "<AssumedRoleId>AROAEXAMPLE:build-42</AssumedRoleId></AssumedRoleUser>"
                + "</AssumeRoleResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></AssumeRoleResponse>";
    }

    private static String callerIdentityResponse() {
        return "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
                + "<Arn>arn:aws:sts::111122223333:assumed-role/spark/build-42</Arn><UserId>AROAEXAMPLE:build-42</UserId>"
                + "<Account>111122223333</Account></GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
    }
}
