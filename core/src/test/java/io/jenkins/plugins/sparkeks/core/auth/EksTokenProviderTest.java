package io.jenkins.plugins.sparkeks.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.emulator.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

class EksTokenProviderTest {

    private final ManualClock clock = new ManualClock(EksTokenGeneratorTest.SIGNED_AT);
    private final AtomicInteger credentialLookups = new AtomicInteger();
    private final AwsCredentialsProvider credentials = () -> {
        credentialLookups.incrementAndGet();
        return AwsBasicCredentials.create(EksTokenGeneratorTest.ACCESS_KEY, EksTokenGeneratorTest.SECRET_KEY);
    };
    private final EksTokenProvider provider = new EksTokenProvider(credentials, Region.US_EAST_1, "my-cluster",
            new EksTokenGenerator(clock));

    @Test
    void reusesTheTokenForJustUnderFourteenMinutesThenMintsANewOne() {
        String first = provider.token();
        clock.advance(Duration.ofMinutes(14).minusSeconds(1));
        assertThat(provider.token()).isEqualTo(first);
        assertThat(credentialLookups).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        String second = provider.token();

        assertThat(second).isNotEqualTo(first);
        assertThat(PresignedUrl.fromToken(second).query()).containsEntry("X-Amz-Date", "20260101T001400Z");
        assertThat(credentialLookups).hasValue(2);
    }

    @Test
    void mintsAgainAfterTheCurrentTokenWasRejectedButOnlyOnceForABurst() {
        String first = provider.token();
        clock.advance(Duration.ofSeconds(5));

        provider.rejected(first);
        String second = provider.token();
        provider.rejected(first);

        assertThat(second).isNotEqualTo(first);
        assertThat(provider.token()).isEqualTo(second);
        assertThat(credentialLookups).hasValue(2);
    }

    @Test
    void refreshesBeforeShortLivedSessionCredentialsRunOut() {
        AtomicInteger sessions = new AtomicInteger();
        AwsCredentialsProvider session = () -> AwsSessionCredentials.builder()
                .accessKeyId("ASIAEXAMPLE" + sessions.incrementAndGet()).secretAccessKey("s").sessionToken("t")
                .expirationTime(clock.instant().plus(Duration.ofMinutes(5))).build();
        EksTokenProvider shortLived = new EksTokenProvider(session, Region.US_EAST_1, "my-cluster",
                new EksTokenGenerator(clock));

        String first = shortLived.token();
        clock.advance(Duration.ofMinutes(4).minusSeconds(1));
        assertThat(shortLived.token()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(1));

        assertThat(shortLived.token()).isNotEqualTo(first);
        assertThat(sessions).hasValue(2);
    }

    @Test
    void toStringNamesTheClusterNotTheToken() {
        String token = provider.token();

        assertThat(provider.toString()).contains("my-cluster").doesNotContain(token.substring(11, 30));
    }
}
