package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resume in a fresh engine without a second StartJobRun or a repeated line; one poller for many jobs. */
class EmrResumeAndScaleTest {

    private static final List<String> OUT = IntStream.rangeClosed(1, 20).mapToObj(i -> "out " + i).toList();

    private final EmulatedAws env = new EmulatedAws();

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void resumedWatchInAFreshEngineContinuesTheLogWithoutRepeats() throws Exception {
        env.aws.logStreamLag(Duration.ZERO);
        env.aws.script("resume", JobScript.builder().running(Duration.ofSeconds(40)).stdout(OUT).build());
        EmrBackend first = env.backend(env.machinery(EmrPollSettings.fast()));
        RecordingObserver before = new RecordingObserver();
        EmrJobRunReference ref = first.submit(EmrBackendEmulatorTest.request("resume").build(), new SubmissionKey("r"), before);
        JobWatch watch = first.watch(ref, WaitOptions.DEFAULT, before);
        env.advanceUntil(() -> before.lines.size() >= 6, Duration.ofSeconds(1));

        watch.detach(); // a controller restart: stop locally, then persist how far the log got
        EmrJobRunReference saved = roundTrip((EmrJobRunReference) watch.reference());
        int deliveredBefore = before.lines.size();
        assertThat(watch.result()).isCompletedExceptionally();
        assertThat(env.aws.jobRunState(ref.jobRunId())).hasValueSatisfying(s -> assertThat(s).isNotEqualTo("CANCELLED"));

        EmrBackend second = env.backend(env.machinery(EmrPollSettings.fast()));
        RecordingObserver after = new RecordingObserver();
        JobWatch resumed = second.watch(saved, WaitOptions.DEFAULT, after);
        env.advanceUntilDone(resumed.result());

        assertThat(resumed.result().get().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(before.lines).hasSize(deliveredBefore);
        List<String> all = new ArrayList<>(before.texts());
        all.addAll(after.texts());
        assertThat(all).containsExactlyElementsOf(OUT);
        assertThat(after.lines).isNotEmpty();
        assertThat(env.aws.calls(Operation.START_JOB_RUN)).isEqualTo(1);
    }

    @Test
    void s3TakesOverWhereCloudWatchStoppedWithoutRepeats() throws Exception {
        env.aws.logStreamLag(Duration.ZERO);
        env.aws.script("handover", JobScript.builder().running(Duration.ofSeconds(40)).stdout(OUT).build());
        EmrBackend withCloudWatch = env.backend(env.machinery(EmrPollSettings.fast()));
        RecordingObserver cw = new RecordingObserver();
        EmrJobRequest req = EmrBackendEmulatorTest.request("handover").s3Logs("s3://logs-bucket/emr").build();
        EmrJobRunReference ref = withCloudWatch.submit(req, new SubmissionKey("h"), cw);
        JobWatch watch = withCloudWatch.watch(ref, WaitOptions.DEFAULT, cw);
        env.advanceUntil(() -> cw.lines.size() >= 5, Duration.ofSeconds(1));
        watch.detach();
        EmrJobRunReference saved = (EmrJobRunReference) watch.reference();

        // the resuming engine cannot read CloudWatch (no client): the rest must come from S3 after the end
        EmrBackend s3Only = env.backend(env.machinery(EmrPollSettings.fast()), null, env.s3);
        RecordingObserver s3 = new RecordingObserver();
        JobWatch resumed = s3Only.watch(saved, WaitOptions.DEFAULT, s3);
        env.advanceUntilDone(resumed.result());

        assertThat(cw.lines).allMatch(l -> l.source().equals("cloudwatch:stdout"));
        assertThat(s3.lines).isNotEmpty().allMatch(l -> l.source().equals("s3:stdout"));
        List<String> all = new ArrayList<>(cw.texts());
        all.addAll(s3.texts());
        assertThat(all).containsExactlyElementsOf(OUT);
    }

    @Test
    void oneJobAndOneHundredJobsAreServedByOnePollerPerVirtualCluster() {
        Counts one = runConcurrently(1);
        env.aws.resetCalls();
        Counts hundred = runConcurrently(100);
        System.out.printf("EMR calls while waiting: 1 job -> %s; 100 jobs -> %s%n", one, hundred);

        assertThat(one.pollers).isEqualTo(1);
        assertThat(hundred.pollers).isEqualTo(1);
        // describe only on a change: a handful per job, never per tick
        assertThat(hundred.describe).isLessThanOrEqualTo(100 * 4);
        // the list round is shared: 100 jobs cost about what one does (pages of 50 at most double it)
        assertThat(hundred.list).isLessThanOrEqualTo(3 * one.list + 10);
    }

    private record Counts(int list, int describe, int pollers) {
        @Override
        public String toString() {
            return "ListJobRuns=" + list + ", DescribeJobRun=" + describe + ", pollers=" + pollers;
        }
    }

    private Counts runConcurrently(int jobs) {
        env.aws.script("batch", JobScript.builder().pending(Duration.ofSeconds(2)).submitted(Duration.ofSeconds(3))
                .running(Duration.ofSeconds(10)).build());
        EmrWatchMachinery machinery = env.machinery(EmrPollSettings.fast());
        EmrBackend backend = env.backend(machinery);
        List<EmrJobRunReference> refs = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            refs.add(backend.submit(EmrBackendEmulatorTest.request("batch").build(),
                    new SubmissionKey("batch-" + jobs + "-" + i), new RecordingObserver()));
        }
        int listBefore = env.aws.calls(Operation.LIST_JOB_RUNS);
        int describeBefore = env.aws.calls(Operation.DESCRIBE_JOB_RUN);
        List<CompletableFuture<JobResult>> results = new ArrayList<>();
        for (EmrJobRunReference ref : refs) {
            results.add(backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), new RecordingObserver()).result());
        }
        int pollers = machinery.activeJobRunPollers();
        CompletableFuture<Void> all = CompletableFuture.allOf(results.toArray(CompletableFuture[]::new));
        env.advanceUntil(all::isDone, Duration.ofSeconds(1), false);
        assertThat(results).allSatisfy(r -> assertThat(r.join().state()).isEqualTo(JobState.SUCCEEDED));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> machinery.activeJobRunPollers() == 0);
        return new Counts(env.aws.calls(Operation.LIST_JOB_RUNS) - listBefore,
                env.aws.calls(Operation.DESCRIBE_JOB_RUN) - describeBefore, pollers);
    }

    private static EmrJobRunReference roundTrip(EmrJobRunReference ref) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ref);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (EmrJobRunReference) in.readObject();
        }
    }
}
