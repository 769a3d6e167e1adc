package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.logs.LogSink;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver pod is the first source; CloudWatch continues after it without repeats when the pod goes early. */
class EmrPodLogHandoverTest {

    private final EmulatedAws env = new EmulatedAws();
    private final EmrWatchMachinery machinery = env.machinery(EmrPollSettings.fast());
    private JobWatch lastWatch;

    @AfterEach
    void close() {
        env.close();
    }

    /** A pod log that plays given lines once the driver runs, then ends complete or cut short. */
    private static final class ScriptedPodLogs implements DriverPodLogs {
        final List<String> followed = new CopyOnWriteArrayList<>();
        private final List<Duration> offsets;
        private final List<String> texts;
        private final boolean complete;
        volatile Instant createdAt;

        ScriptedPodLogs(List<Duration> offsets, List<String> texts, boolean complete) {
            this.offsets = offsets;
            this.texts = texts;
            this.complete = complete;
        }

        @Override
        public PodLog follow(String namespace, String podName, String position, LogSink sink, Consumer<String> diagnostics) {
            followed.add(namespace + "/" + podName);
            Instant after = position == null ? null : Instant.parse(position.substring(0, position.indexOf('|')));
            Instant[] last = {after};
            for (int i = 0; i < texts.size(); i++) {
                Instant at = createdAt.plus(offsets.get(i));
                if (after == null || at.isAfter(after)) {
                    last[0] = at;
                    sink.accept(new LogLine("pod", at, texts.get(i)));
                }
            }
            CompletableFuture<Boolean> drained = new CompletableFuture<>();
            return new PodLog() {
                @Override
                public void podTerminated() {
                    if (!complete) {
                        diagnostics.accept("driver pod gone before its log ended");
                    }
                    drained.complete(complete);
                }

                @Override
                public CompletableFuture<Boolean> drained() {
                    return drained;
                }

                @Override
                public void stop() {
                    drained.complete(false);
                }

                @Override
                public String position() {
                    return last[0] == null ? null : last[0] + "|1";
                }

                @Override
                public Instant lastTimestamp() {
                    return last[0];
                }
            };
        }
    }

    private RecordingObserver run(ScriptedPodLogs pods) throws Exception {
        // 1 s PENDING + 2 s SUBMITTED, then stdout at +5, +10, +15 s into a 20 s RUNNING phase
        env.aws.logStreamLag(Duration.ZERO);
        env.aws.script("pod", JobScript.builder().running(Duration.ofSeconds(20)).stdout("out 1", "out 2", "out 3").build());
        EmrBackend backend = env.backend(machinery).withDriverPodLogs(pods);
        RecordingObserver observer = new RecordingObserver();
        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request("pod").build(), new SubmissionKey("p"), observer);
        pods.createdAt = ref.createdAt();
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);
        lastWatch = watch;
        env.advanceUntilDone(watch.result());
        assertThat(pods.followed).containsExactly("spark/spark-" + ref.jobRunId() + "-driver");
        assertThat(watch.reference().logCursor().position("pod")).isNotNull();
        return observer;
    }

    @Test
    void aCompletePodLogIsTheWholeLogAndCloudWatchIsNotRead() throws Exception {
        ScriptedPodLogs pods = new ScriptedPodLogs(List.of(Duration.ofSeconds(8), Duration.ofSeconds(13), Duration.ofSeconds(18)),
                List.of("out 1", "out 2", "out 3"), true);

        RecordingObserver observer = run(pods);

        assertThat(observer.texts("pod")).containsExactly("out 1", "out 2", "out 3");
        assertThat(observer.lines).hasSize(3);
        assertThat(env.aws.calls(Operation.GET_LOG_EVENTS)).isZero();
    }

    @Test
    void cloudWatchContinuesAfterThePodWentAwayWithoutRepeatingLines() throws Exception {
        ScriptedPodLogs pods = new ScriptedPodLogs(List.of(Duration.ofSeconds(8), Duration.ofSeconds(13)),
                List.of("out 1", "out 2"), false);

        RecordingObserver observer = run(pods);

        assertThat(observer.texts()).containsExactly("out 1", "out 2", "out 3");
        assertThat(observer.texts("cloudwatch:stdout")).containsExactly("out 3");
        assertThat(observer.diagnostics).contains("driver pod gone before its log ended");
    }

    /**
     * The pod's stream failed for good (not the pod: it is still there with its whole log), so CloudWatch delivered
     * the rest. A process resuming from the saved cursor must go on from CloudWatch's position: the pod's own
     * position stands before the lines CloudWatch delivered, and following the pod again would repeat them.
     */
    @Test
    void aResumeAfterCloudWatchTookOverFromThePodDoesNotGoBackToThePod() throws Exception {
        ScriptedPodLogs pods = new ScriptedPodLogs(List.of(Duration.ofSeconds(8), Duration.ofSeconds(13)),
                List.of("out 1", "out 2"), false);
        RecordingObserver first = run(pods);
        assertThat(first.texts("cloudwatch:stdout")).containsExactly("out 3");

        ScriptedPodLogs stillThere = new ScriptedPodLogs(
                List.of(Duration.ofSeconds(8), Duration.ofSeconds(13), Duration.ofSeconds(18)),
                List.of("out 1", "out 2", "out 3"), true);
        stillThere.createdAt = pods.createdAt;
        RecordingObserver second = new RecordingObserver();
        JobWatch resumed = env.backend(machinery).withDriverPodLogs(stillThere)
                .watch(lastWatch.reference(), WaitOptions.DEFAULT, second);
        env.advanceUntilDone(resumed.result());

        assertThat(second.texts()).as("lines the first process delivered are not repeated").isEmpty();
        assertThat(resumed.result().get().logNote()).isNull();
    }
}
