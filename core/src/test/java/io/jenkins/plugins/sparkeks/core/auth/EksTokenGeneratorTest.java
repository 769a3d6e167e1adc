package io.jenkins.plugins.sparkeks.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

class EksTokenGeneratorTest {

    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant SIGNED_AT = Instant.parse("2026-01-01T00:00:00Z");

    // pinned from an independent run of the same signer (fixed clock, the AWS documentation example keys)
    private static final String PINNED_TOKEN = "k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtZWFzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eSZWZXJzaW9uPTIwMTEtMDYtMTUmWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTYmWC1BbXotRGF0ZT0yMDI2MDEwMVQwMDAwMDBaJlgtQW16LVNpZ25lZEhlYWRlcnM9aG9zdCUzQngtazhzLWF3cy1pZCZYLUFtei1DcmVkZW50aWFsPUFLSUFJT1NGT0ROTjdFWEFNUExFJTJGMjAyNjAxMDElMkZ1cy1lYXN0LTElMkZzdHMlMkZhd3M0X3JlcXVlc3QmWC1BbXotRXhwaXJlcz02MCZYLUFtei1TaWduYXR1cmU9ZDFmOTgwODMwYzc3MzliMGVmZTkyNmZiZDRjMDk5Y2QyZDcwYTAzMmJlM2Y3ZjA5ZjIxNDMyOGY3Zjc3MGJhMQ";

    private final EksTokenGenerator generator = new EksTokenGenerator(Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

    @Test
    void reproducesThePinnedTokenForFixedClockAndExampleCredentials() {
        EksToken token = generator.generate(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY), Region.US_EAST_1,
                "my-cluster");

        assertThat(token.value()).isEqualTo(PINNED_TOKEN);
        assertThat(token.signedAt()).isEqualTo(SIGNED_AT);
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:15:00Z"));
    }

    @Test
    void presignsGetCallerIdentityForTheClusterWithEveryExpectedParameter() {
        EksToken token = generator.generate(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY), Region.EU_WEST_1,
                "prod-spark");

        assertThat(token.value()).doesNotContain("=").startsWith("k8s-aws-v1.");
        PresignedUrl url = PresignedUrl.fromToken(token.value());
        assertThat(url.uri().getScheme()).isEqualTo("https");
        assertThat(url.uri().getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        assertThat(url.uri().getPath()).isEqualTo("/");
        assertThat(url.query()).containsOnlyKeys("Action", "Version", "X-Amz-Algorithm", "X-Amz-Date",
                "X-Amz-SignedHeaders", "X-Amz-Credential", "X-Amz-Expires", "X-Amz-Signature");
        assertThat(url.query()).containsEntry("Action", "GetCallerIdentity")
                .containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Date", "20260101T000000Z")
                .containsEntry("X-Amz-Credential", ACCESS_KEY + "/20260101/eu-west-1/sts/aws4_request")
                .containsEntry("X-Amz-Expires", "60");
        assertThat(url.query().get("X-Amz-SignedHeaders").split(";")).contains("host", "x-k8s-aws-id");
        assertThat(url.query().get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    }

    @Test
    void sessionCredentialsAddTheSecurityToken() {
        EksToken token = generator.generate(AwsSessionCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY, "SESSIONTOKEN"),
                Region.US_EAST_1, "my-cluster");

        assertThat(PresignedUrl.fromToken(token.value()).query()).containsEntry("X-Amz-Security-Token", "SESSIONTOKEN");
    }

    @Test
    void signsForTheStsHostOfTheRegionsPartition() {
        EksToken token = generator.generate(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY),
                Region.CN_NORTH_1, "china-cluster");

        assertThat(PresignedUrl.fromToken(token.value()).uri().getHost()).isEqualTo("sts.cn-north-1.amazonaws.com.cn");
    }

    @Test
    void neverShowsTheTokenInToString() {
        EksToken token = generator.generate(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY), Region.US_EAST_1,
                "my-cluster");

        assertThat(token.toString()).doesNotContain(token.value().substring(EksToken.PREFIX.length(), 40));
    }

    @Test
    void matchesTheAwsCliParametersForStaticCredentials(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        compareWithCli(dir, env, AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY));
    }

    @Test
    void matchesTheAwsCliParametersForSessionCredentials(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_SESSION_TOKEN", "FQoGZXIvYXdzEXAMPLESESSION");
        compareWithCli(dir, env, AwsSessionCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY,
                "FQoGZXIvYXdzEXAMPLESESSION"));
    }

    private void compareWithCli(Path dir, Map<String, String> credentialsEnv, AwsCredentialsIdentity credentials)
            throws Exception {
        String cliToken = awsCliToken(dir, credentialsEnv);
        EksToken ours = new EksTokenGenerator().generate(credentials, Region.US_EAST_1, "my-cluster");

        PresignedUrl cli = PresignedUrl.fromToken(cliToken);
        PresignedUrl mine = PresignedUrl.fromToken(ours.value());
        assertThat(mine.uri().getHost()).isEqualTo(cli.uri().getHost());
        assertThat(mine.uri().getPath()).isEqualTo(cli.uri().getPath());
        assertThat(mine.query().keySet()).containsExactlyInAnyOrderElementsOf(cli.query().keySet());
        for (String name : List.of("Action", "Version", "X-Amz-Algorithm", "X-Amz-Expires", "X-Amz-SignedHeaders",
                "X-Amz-Security-Token")) {
            assertThat(mine.query().get(name)).as(name).isEqualTo(cli.query().get(name));
        }
        // the date part differs by however long the CLI took to start; the scope must not
        assertThat(mine.query().get("X-Amz-Credential").replaceFirst("/\\d{8}/", "/DATE/"))
                .isEqualTo(cli.query().get("X-Amz-Credential").replaceFirst("/\\d{8}/", "/DATE/"));
    }

    private static String awsCliToken(Path dir, Map<String, String> credentialsEnv) throws Exception {
        String aws = findOnPath("aws");
        assumeTrue(aws != null, "AWS CLI ('aws') is not on PATH: skipping the comparison with 'aws eks get-token'");
        Path empty = Files.createFile(dir.resolve("empty-config"));
        ProcessBuilder pb = new ProcessBuilder(aws, "eks", "get-token", "--cluster-name", "my-cluster",
                "--region", "us-east-1", "--output", "json");
        Map<String, String> env = pb.environment();
        Map<String, String> kept = new HashMap<>();
        for (String name : List.of("PATH", "PYENV_ROOT", "PYENV_VERSION", "LANG")) {
            if (System.getenv(name) != null) {
                kept.put(name, System.getenv(name));
            }
        }
        env.clear();
        env.putAll(kept);
        env.put("HOME", dir.toString());
        env.put("AWS_CONFIG_FILE", empty.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", empty.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.putAll(credentialsEnv);
        pb.redirectError(dir.resolve("stderr").toFile());
        Process process = pb.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws eks get-token finished").isTrue();
        assertThat(process.exitValue()).as("aws eks get-token exit code; stderr: %s",
                Files.readString(dir.resolve("stderr"))).isZero();
        return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8)).at("/status/token").asText();
    }

    private static String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.isFile() && candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }
}
