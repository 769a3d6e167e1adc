package io.jenkins.plugins.sparkeks.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.model.TaskListener;
import io.jenkins.plugins.sparkeks.core.insight.SparkInsight;
import io.jenkins.plugins.sparkeks.core.insight.SparkSnapshot;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final TaskListener listener = mock(TaskListener.class);

    private ConsoleReporter reporter(Map<String, String> conf) {
        when(listener.getLogger()).thenReturn(new PrintStream(out, true, StandardCharsets.UTF_8));
        return new ConsoleReporter(listener, SecretMasker.forConf(List.of(conf)), ref -> {});
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void driverLinesArePrintedAsIsAndOtherLinesPrefixed() {
        ConsoleReporter r = reporter(Map.of());

        r.log(new LogLine("pod", Instant.now(), "Pi is roughly 3.1415"));
        r.stateChanged(JobState.RUNNING, "driver pod spark:pi-driver");
        r.diagnostic("Pulling image apache/spark:3.5.6");

        assertThat(text().lines())
                .containsExactly(
                        "Pi is roughly 3.1415",
                        "[spark-on-eks] RUNNING: driver pod spark:pi-driver",
                        "[spark-on-eks] Pulling image apache/spark:3.5.6");
    }

    @Test
    void sparkProgressIsAConsoleLineAndReachesTheBuildPageListener() {
        when(listener.getLogger()).thenReturn(new PrintStream(out, true, StandardCharsets.UTF_8));
        List<SparkSnapshot> heard = new java.util.ArrayList<>();
        ConsoleReporter r =
                new ConsoleReporter(listener, SecretMasker.forConf(List.of(Map.of())), ref -> {}, heard::add);
        SparkSnapshot s = new SparkSnapshot(
                SparkSnapshot.Source.LIVE,
                Instant.EPOCH,
                2,
                1,
                0,
                2,
                1,
                0,
                0,
                "3 (count at Pi.scala:38)",
                7,
                10,
                0,
                2,
                0,
                null);

        r.sparkProgress(s);
        r.result(JobResult.builder(Backend.KUBERNETES, JobState.SUCCEEDED)
                .spark(new SparkInsight(
                        SparkInsight.Coverage.PARTIAL, s, "the final seconds were not observed", null, null, null))
                .build());

        assertThat(heard).containsExactly(s);
        assertThat(text().lines())
                .contains("[spark-on-eks] Spark: jobs 2 done, 1 running, 0 failed · stage 3 (count at Pi.scala:38) 7/10"
                        + " tasks · executors 2 alive")
                .contains("[spark-on-eks] Spark: jobs 2 done, 1 running, 0 failed · stage 3 (count at Pi.scala:38) 7/10"
                        + " tasks · executors 2 alive (the final seconds were not observed)");
    }

    @Test
    void noSecretReachesTheConsole() {
        ConsoleReporter r = reporter(Map.of(
                "spark.hadoop.fs.s3a.secret.key",
                "abcdEFGH1234secret",
                "spark.kubernetes.driverEnv.DB_PASSWORD",
                "hunter22"));

        r.log(new LogLine("pod", null, "connecting with hunter22 and abcdEFGH1234secret"));
        r.diagnostic("env AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCY and token: eyJhbGci.x.y");
        r.diagnostic("access key AKIAIOSFODNN7EXAMPLE in use");
        r.result(JobResult.builder(Backend.KUBERNETES, JobState.FAILED)
                .message("failed with password=hunter22")
                .explanation(List.of("Caused by: auth error for key abcdEFGH1234secret"))
                .build());

        assertThat(text())
                .doesNotContain("hunter22")
                .doesNotContain("abcdEFGH1234secret")
                .doesNotContain("wJalrXUtnFEMI")
                .doesNotContain("eyJhbGci")
                .doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .contains("AWS_SECRET_ACCESS_KEY=****")
                .contains("Caused by: auth error for key ****");
    }

    @Test
    void theVerdictShowsStateReasonDurationAndLinks() throws Exception {
        ConsoleReporter r = reporter(Map.of());
        Instant start = Instant.parse("2026-11-21T12:00:00Z");

        r.result(JobResult.builder(Backend.EMR_ON_EKS, JobState.SUCCEEDED)
                .reason("Completed")
                .startedAt(start)
                .finishedAt(start.plusSeconds(125))
                .link("EMR console", "https://console.aws.amazon.com/emr/home?region=us-east-1#/virtual-clusters/vc1")
                .link("Local file", "file:///etc/passwd")
                .build());

        assertThat(text())
                .contains("[spark-on-eks] Spark job SUCCEEDED (Completed), ran 2 min 5 s")
                .contains("Local file: file:///etc/passwd");
        verify(listener)
                .hyperlink(
                        "https://console.aws.amazon.com/emr/home?region=us-east-1#/virtual-clusters/vc1",
                        "https://console.aws.amazon.com/emr/home?region=us-east-1#/virtual-clusters/vc1");
        verify(listener, never()).hyperlink(org.mockito.ArgumentMatchers.eq("file:///etc/passwd"), anyString());
    }
}
