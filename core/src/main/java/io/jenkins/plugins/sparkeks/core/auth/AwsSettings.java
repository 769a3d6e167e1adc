package io.jenkins.plugins.sparkeks.core.auth;

import io.jenkins.plugins.sparkeks.core.job.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where and as whom to call AWS: a region, base credentials (null means the SDK default chain, which covers
 * environment variables, profiles, IRSA and EKS Pod Identity), an optional role to assume on top of them, and
 * per-service endpoint overrides for emulators and tests.
 *
 * <p>Invalid values are refused at construction with {@link io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException}
 * naming each field, so nothing reaches AWS with a malformed role ARN or endpoint. {@link #toString()} never shows
 * credentials.
 *
 * <p>Equality compares static credentials by value and any other provider with its own {@code equals}: callers
 * commonly wrap the same keys in a new provider for every build, and those builds should still share clients and
 * connections. A custom provider made per build must therefore define {@code equals}/{@code hashCode} by what it
 * stands for (e.g. a credentials id), or {@link AwsClientFactory} and the cluster connector keep one client per
 * instance.
 *
 * @param region           the AWS region, required
 * @param baseCredentials  credentials to call AWS with (or to assume {@code roleArn} with); null = SDK default chain
 * @param roleArn          role to assume through STS, or null
 * @param roleSessionName  session name for the assumed role; defaults to {@value #DEFAULT_SESSION_NAME}
 * @param externalId       external id the role's trust policy requires, or null
 * @param endpointOverrides endpoint URL per service, empty for the real AWS endpoints
 */
public record AwsSettings(
        Region region,
        AwsCredentialsProvider baseCredentials,
        String roleArn,
        String roleSessionName,
        String externalId,
        Map<AwsService, URI> endpointOverrides) {

    public static final String DEFAULT_SESSION_NAME = "spark-on-eks";

    // Accepts every published region shape (us-east-1, us-gov-west-1, cn-north-1, eu-isoe-west-1) and future ones.
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-\\d{1,2}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    public AwsSettings {
        endpointOverrides = endpointOverrides == null || endpointOverrides.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(endpointOverrides));
        roleArn = blankToNull(roleArn);
        externalId = blankToNull(externalId);
        roleSessionName = blankToNull(roleSessionName);
        if (roleArn != null && roleSessionName == null) {
            roleSessionName = DEFAULT_SESSION_NAME;
        }
        validate(region, roleArn, roleSessionName, externalId, endpointOverrides);
    }

    /** Settings for {@code region} with the SDK default credential chain, no role and real endpoints. */
    public static AwsSettings of(Region region) {
        return new AwsSettings(region, null, null, null, null, Map.of());
    }

    /** Settings for a region given by id, e.g. {@code us-east-1}; the id is checked like every other field. */
    public static AwsSettings of(String regionId) {
        if (regionId == null || regionId.isBlank()) {
            new Validation().error("region", "is missing.", "Give the AWS region id, e.g. us-east-1.").throwIfInvalid();
        }
        return of(Region.of(regionId.trim()));
    }

    public AwsSettings withCredentials(AwsCredentialsProvider credentials) {
        return new AwsSettings(region, credentials, roleArn, roleSessionName, externalId, endpointOverrides);
    }

    public AwsSettings withRole(String arn, String sessionName, String extId) {
        return new AwsSettings(region, baseCredentials, arn, sessionName, extId, endpointOverrides);
    }

    public AwsSettings withEndpoint(AwsService service, URI endpoint) {
        Map<AwsService, URI> copy = new EnumMap<>(AwsService.class);
        copy.putAll(endpointOverrides);
        copy.put(Objects.requireNonNull(service, "service"), endpoint);
        return new AwsSettings(region, baseCredentials, roleArn, roleSessionName, externalId, copy);
    }

    /**
     * Adds overrides written as text, as a form or command line gives them: service name ({@code eks}, {@code sts},
     * {@code emr-containers}, {@code logs}, {@code s3}) to URL. Every bad entry is reported, none is dropped silently.
     */
    public AwsSettings withEndpoints(Map<String, String> urlsByService) {
        Validation v = new Validation();
        Map<AwsService, URI> copy = new EnumMap<>(AwsService.class);
        copy.putAll(endpointOverrides);
        urlsByService.forEach((name, url) -> {
            String key = name == null ? "" : name.trim();
            String field = "endpointOverrides[" + key + "]";
            Optional<AwsService> service = AwsService.byEndpointPrefix(key);
            if (service.isEmpty()) {
                v.error(field, "is not a service this project calls.", "Use one of: " + Arrays.stream(AwsService.values())
                        .map(AwsService::endpointPrefix).collect(Collectors.joining(", ")) + ".");
            } else if (url == null || url.isBlank()) {
                v.error(field, "is empty.", "Give a URL such as http://127.0.0.1:4566 or remove the override.");
            } else {
                try {
                    copy.put(service.get(), new URI(url.trim()));
                } catch (URISyntaxException e) {
                    v.error(field, "'" + url + "' is not a URL.", "Give a URL such as http://127.0.0.1:4566.");
                }
            }
        });
        v.throwIfInvalid();
        return new AwsSettings(region, baseCredentials, roleArn, roleSessionName, externalId, copy);
    }

    public Optional<URI> endpointOverride(AwsService service) {
        return Optional.ofNullable(endpointOverrides.get(service));
    }

    public boolean assumesRole() {
        return roleArn != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AwsSettings other
                && region.equals(other.region)
                && Objects.equals(credentialsIdentity(), other.credentialsIdentity())
                && Objects.equals(roleArn, other.roleArn)
                && Objects.equals(roleSessionName, other.roleSessionName)
                && Objects.equals(externalId, other.externalId)
                && endpointOverrides.equals(other.endpointOverrides);
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, credentialsIdentity(), roleArn, roleSessionName, externalId, endpointOverrides);
    }

    private Object credentialsIdentity() {
        return baseCredentials instanceof StaticCredentialsProvider fixed ? fixed.resolveCredentials() : baseCredentials;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("AwsSettings[region=").append(region.id())
                .append(", credentials=").append(describeCredentials());
        if (roleArn != null) {
            s.append(", roleArn=").append(roleArn).append(", roleSessionName=").append(roleSessionName);
            if (externalId != null) {
                // an external id is a shared secret between the role owner and the caller
                s.append(", externalId=****");
            }
        }
        if (!endpointOverrides.isEmpty()) {
            s.append(", endpointOverrides=").append(endpointOverrides);
        }
        return s.append(']').toString();
    }

    private String describeCredentials() {
        return baseCredentials == null ? "default chain" : baseCredentials.getClass().getSimpleName();
    }

    private static void validate(Region region, String roleArn, String sessionName, String externalId,
                                 Map<AwsService, URI> endpoints) {
        Validation v = new Validation();
        if (region == null) {
            v.error("region", "is missing.", "Give the AWS region id, e.g. us-east-1.");
        } else {
            v.check(REGION.matcher(region.id()).matches(), "region",
                    "'" + region.id() + "' is not an AWS region id.", "Use an id such as us-east-1 or eu-west-2.");
        }
        if (roleArn != null) {
            v.check(ROLE_ARN.matcher(roleArn).matches(), "roleArn", "is not an IAM role ARN.",
                    "Use the form arn:aws:iam::123456789012:role/name.");
        }
        if (sessionName != null) {
            v.check(SESSION_NAME.matcher(sessionName).matches(), "roleSessionName",
                    "must be 2-64 characters of letters, digits and +=,.@_-.", "Shorten it or drop other characters.");
        }
        if (externalId != null) {
            // the value itself is never echoed: it is a shared secret
            v.check(EXTERNAL_ID.matcher(externalId).matches(), "externalId",
                    "must be 2-1224 characters of letters, digits and +=,.@:/_-.", "Copy it from the role's trust policy.");
        }
        endpoints.forEach((service, uri) -> {
            String field = "endpointOverrides[" + service.endpointPrefix() + "]";
            if (uri == null) {
                v.error(field, "is empty.", "Give a URL such as http://127.0.0.1:4566 or remove the override.");
            } else {
                boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                v.check(web && uri.getHost() != null, field, "'" + uri + "' is not an http(s) URL with a host.",
                        "Give a URL such as http://127.0.0.1:4566.");
            }
        });
        v.throwIfInvalid();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
