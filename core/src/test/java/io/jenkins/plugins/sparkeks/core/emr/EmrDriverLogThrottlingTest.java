package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A long EMR driver log read from CloudWatch while the log reads are throttled, through the real engine against
 * the emulator: throttling may slow the log but never cut it, and a log that could not be read to its end within
 * the drain limit is reported as incomplete, with where the rest is, without changing the driver's verdict.
 */
class EmrDriverLogThrottlingTest {

    private static final int STDOUT_LINES = 10_000;
    private static final int STDERR_LINES = 200;

    private final EmulatedAws env = new EmulatedAws();

    @AfterEach
    void close() {
        env.close();
    }

    private static List<String> lines(String prefix, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> prefix + " " + i).toList();
    }

    /**
     * Fast polls. The drain limit and the grace for a stream that never appears are wall-clock time while the
     * emulator's streams appear on its own clock: both are as long as the drain limit, so only the limit decides.
     */
    private EmrBackend backend(Duration drainLimit) {
        EmrPollSettings f = EmrPollSettings.fast();
        return env.backend(env.machinery(new EmrPollSettings(f.startingInterval(), f.runningInterval(), f.logInterval(),
                f.backoff(), f.maxPollFailures(), f.logQuietPeriod(), drainLimit, drainLimit, f.cancelWait())));
    }

    private JobWatch start(EmrBackend backend, String name, RecordingObserver observer) {
        // a short run: most of the log is still unread when the job ends, so the drain must fetch it
        env.aws.script(name, JobScript.builder().running(Duration.ofSeconds(3))
                .stdout(lines("out", STDOUT_LINES)).stderr(lines("err", STDERR_LINES)).build());
        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request(name).build(), new SubmissionKey(name),
                observer);
        return backend.watch(ref, WaitOptions.DEFAULT, observer);
    }

    @Test
    void throttledLogReadsSlowTheLogButLoseAndRepeatNothing() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        // more throttling in a row than the SDK's three attempts absorb, on every log read the engine could use
        env.aws.faults().throttle(Operation.DESCRIBE_LOG_STREAMS, 9).throttle(Operation.GET_LOG_EVENTS, 30)
                .throttle(Operation.FILTER_LOG_EVENTS, 30);
        // a limit far beyond what the throttling costs, so that only a cut log (not a slow machine) can fail this
        JobWatch watch = start(backend(Duration.ofSeconds(60)), "throttled", observer);

        env.advanceUntilDone(watch.result());
        JobResult r = watch.result().get();

        List<String> out = observer.texts("cloudwatch:stdout");
        List<String> err = observer.texts("cloudwatch:stderr");
        assertThat(lost(out, lines("out", STDOUT_LINES)) + lost(err, lines("err", STDERR_LINES)))
                .as("lines lost; console said %s; result %s", observer.diagnostics, r.toMap()).isZero();
        assertThat(duplicated(out) + duplicated(err)).as("lines duplicated").isZero();
        assertThat(out).containsExactlyElementsOf(lines("out", STDOUT_LINES));
        assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(r.logComplete()).isTrue();
        assertThat(r.toMap()).containsEntry("logComplete", true).doesNotContainKey("logNote");
        assertThat(observer.diagnostics).noneMatch(d -> d.contains("incomplete"));
        assertThat(env.aws.faults().pending(Operation.GET_LOG_EVENTS)).as("the throttling was met").isZero();
    }

    @Test
    void persistentThrottlingEndsAtTheDrainLimitAndSaysWhereTheRestIs() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        env.aws.faults().throttle(Operation.GET_LOG_EVENTS, 1_000_000);
        JobWatch watch = start(backend(Duration.ofSeconds(3)), "starved", observer);

        long began = System.nanoTime();
        env.advanceUntilDone(watch.result());
        JobResult r = watch.result().get();

        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("bounded by the drain limit")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(r.state()).as("the driver's verdict stands").isEqualTo(JobState.SUCCEEDED);
        assertThat(r.success()).isTrue();
        assertThat(r.logComplete()).isFalse();
        assertThat(r.logNote()).contains("/emr/jobs").contains("ci/" + EmulatedAws.VC + "/jobs/" + r.jobRunId());
        assertThat(r.toMap()).containsEntry("logComplete", false).containsKey("logNote");
        assertThat(observer.diagnostics).anySatisfy(d -> assertThat(d).contains("incomplete").contains("throttling")
                .contains("/emr/jobs")
                .contains("ci/" + EmulatedAws.VC + "/jobs/" + r.jobRunId()));
    }

    private static long lost(List<String> seen, List<String> expected) {
        Set<String> s = new HashSet<>(seen);
        return expected.stream().filter(l -> !s.contains(l)).count();
    }

    private static long duplicated(List<String> seen) {
        return seen.size() - new HashSet<>(seen).size();
    }
}
