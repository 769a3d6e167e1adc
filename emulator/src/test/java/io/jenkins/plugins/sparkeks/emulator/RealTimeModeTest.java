package io.jenkins.plugins.sparkeks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.emrcontainers.model.JobRunState;

class RealTimeModeTest {
    @Test
    void onTheSystemClockJobsProgressByThemselves() {
        try (AwsEmulator aws = AwsEmulator.startRealTime()
                .virtualCluster(VirtualCluster.running("vc1", "demo", "eks", "spark"))
                .defaultScripts(request -> JobScript.builder().pending(Duration.ofMillis(100))
                        .submitted(Duration.ofMillis(100)).running(Duration.ofMillis(300)).build());
             EmrContainersClient emr = Sdk.emr(aws)) {
            String id = emr.startJobRun(r -> r.virtualClusterId("vc1").name("demo").clientToken("t")
                    .executionRoleArn("arn:aws:iam::111122223333:role/job").releaseLabel("emr-7.2.0-latest")
                    .jobDriver(d -> d.sparkSubmitJobDriver(s -> s.entryPoint("s3://b/app.py")))).id();

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                    emr.describeJobRun(r -> r.virtualClusterId("vc1").id(id)).jobRun().state()
                            == JobRunState.COMPLETED);
            assertThatThrownBy(() -> aws.advance(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        }
    }
}
