package io.jenkins.plugins.sparkeks.core.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Mints EKS bearer tokens the way {@code aws eks get-token} does: an STS GetCallerIdentity request, presigned with
 * SigV4 in the query string and carrying the cluster name in the signed {@code x-k8s-aws-id} header. The API server
 * replays the URL to STS to learn the caller's identity, so the token grants what the credentials grant.
 */
public final class EksTokenGenerator {

    static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";
    // STS ignores the value, but the API server rejects URLs without it; 60 is what the AWS CLI sends
    private static final Duration PRESIGN_EXPIRY = Duration.ofSeconds(60);

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Clock clock;

    public EksTokenGenerator() {
        this(Clock.systemUTC());
    }

    public EksTokenGenerator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Clock clock() {
        return clock;
    }

    /** A token for {@code clusterName} in {@code region}, signed now with {@code credentials}. No network call. */
    public EksToken generate(AwsCredentialsIdentity credentials, Region region, String clusterName) {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(clusterName, "clusterName");
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https")
                .host(stsHost(region))
                .encodedPath("/")
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_ID_HEADER, clusterName)
                .build();
        // one instant for both the signature and the refresh deadline, so a frozen test clock pins both
        Clock signingClock = Clock.fixed(clock.instant(), clock.getZone());
        SignedRequest signed = signer.sign(r -> r.identity(credentials)
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, PRESIGN_EXPIRY)
                .putProperty(HttpSigner.SIGNING_CLOCK, signingClock));
        String url = signed.request().getUri().toString();
        String value = EksToken.PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
        return EksToken.signed(value, signingClock.instant(), credentials.expirationTime().orElse(null));
    }

    /** The regional STS host, in the region's partition (e.g. {@code sts.cn-north-1.amazonaws.com.cn}). */
    static String stsHost(Region region) {
        return "sts." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix();
    }
}
