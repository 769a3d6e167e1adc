package io.jenkins.plugins.sparkeks.sandbox;

import io.jenkins.plugins.sparkeks.core.auth.AwsService;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.emr.Backoff;
import io.jenkins.plugins.sparkeks.core.emr.EmrPollSettings;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** How the sandbox's EMR users (the demo, its tests) reach the AWS emulator, in one place. */
public final class SandboxAws {

    /**
     * Short intervals: the emulator answers in microseconds and a demo should take seconds, not minutes; a real
     * driver's few hundred log lines still get 3 s to drain after the end.
     */
    public static final EmrPollSettings DEMO_POLLING = new EmrPollSettings(Duration.ofMillis(300),
            Duration.ofMillis(600), Duration.ofMillis(300), new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2),
            8, Duration.ofMillis(900), Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(15));

    private SandboxAws() {}

    /** Every service at the emulator's endpoint, signed with its fixed test keys. */
    public static AwsSettings settings(AwsEmulator aws) {
        AwsSettings s = AwsSettings.of(aws.region()).withCredentials(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)));
        for (AwsService service : AwsService.values()) {
            s = s.withEndpoint(service, aws.endpoint());
        }
        return s;
    }
}
