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
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The EMR engine through the AWS SDK against the emulator: states, verdicts, logs, cancel, timeouts, faults. */
class EmrBackendEmulatorTest {

    private final EmulatedAws env = new EmulatedAws();
    private final EmrWatchMachinery machinery = env.machinery(EmrPollSettings.fast());
    private final EmrBackend backend = env.backend(machinery);

    @AfterEach
    void close() {
        env.close();
    }

    static EmrJobRequest.Builder request(String name) {
        return EmrJobRequest.builder().name(name).virtualClusterId(EmulatedAws.VC).executionRoleArn(EmulatedAws.ROLE)
                .releaseLabel("emr-7.5.0-latest")
                .sparkSubmit("local:///usr/lib/spark/examples/jars/spark-examples.jar", List.of("100"),
                        "--class org.apache.spark.examples.SparkPi")
                .cloudWatchLogs("/emr/jobs", "ci");
    }

    private JobResult run(EmrJobRequest request, WaitOptions options, RecordingObserver observer) throws Exception {
        return run(request, options, observer, Duration.ofSeconds(1));
    }

    private JobResult run(EmrJobRequest request, WaitOptions options, RecordingObserver observer, Duration step)
            throws Exception {
        EmrJobRunReference ref = backend.submit(request, new SubmissionKey("job#1:" + request.name()), observer);
        JobWatch watch = backend.watch(ref, options, observer);
        env.advanceUntil(watch.result()::isDone, step);
        return watch.result().get();
    }

    @Test
    void completedRunSucceedsAndStreamsBothDriverStreamsOnce() throws Exception {
        // PENDING outlasts advanceUntil's first step, which moves the clock before the watch may have looked
        env.aws.script("pi", JobScript.builder().pending(Duration.ofSeconds(3)).running(Duration.ofSeconds(20)).attempts(1)
                .stdout("Pi is roughly 3.14", "second", "third").stderr("INFO start", "INFO end").build());
        RecordingObserver observer = new RecordingObserver();

        JobResult r = run(request("pi").build(), WaitOptions.DEFAULT, observer);

        assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(r.success()).isTrue();
        assertThat(r.reason()).isEqualTo("Completed");
        assertThat(r.nativeState()).isEqualTo("COMPLETED");
        assertThat(r.virtualClusterId()).isEqualTo(EmulatedAws.VC);
        assertThat(r.sparkAppId()).isEqualTo("spark-" + r.jobRunId());
        assertThat(r.driverPod()).isEqualTo("spark-" + r.jobRunId() + "-driver");
        assertThat(r.namespace()).isEqualTo("spark");
        assertThat(r.submittedAt()).isNotNull();
        assertThat(r.finishedAt()).isAfter(r.submittedAt());
        assertThat(r.links()).extracting(l -> l.label()).contains("EMR job run", "Driver stderr (CloudWatch)");
        assertThat(r.links()).filteredOn(l -> l.label().startsWith("Driver stdout")).singleElement()
                .satisfies(l -> assertThat(l.url()).contains("log-events/ci$252F" + EmulatedAws.VC + "$252Fjobs$252F"));
        assertThat(observer.texts("cloudwatch:stdout")).containsExactly("Pi is roughly 3.14", "second", "third");
        assertThat(observer.texts("cloudwatch:stderr")).containsExactly("INFO start", "INFO end");
        assertThat(observer.states).startsWith(JobState.SUBMITTED).contains(JobState.RUNNING).endsWith(JobState.SUCCEEDED);
        assertThat(observer.stateDetails).as("each EMR state is reported once")
                .startsWith("EMR PENDING").doesNotHaveDuplicates();
        assertThat(observer.submitted).hasSize(1);
        // nothing keeps polling for a finished job
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> machinery.activeLogPollers() == 0 && machinery.activeJobRunPollers() == 0);
    }

    @Test
    void failedRunCarriesFailureReasonDetailsAttemptsAndLastLines() throws Exception {
        env.aws.script("etl", JobScript.builder().attempts(2).stderr("ERROR boom")
                .fails("USER_ERROR", "Job run failed: driver exited with code 1").build());
        RecordingObserver observer = new RecordingObserver();

        JobResult r = run(request("etl").retryMaxAttempts(2).build(), WaitOptions.DEFAULT, observer);

        assertThat(r.state()).isEqualTo(JobState.FAILED);
        assertThat(r.success()).isFalse();
        assertThat(r.reason()).isEqualTo("USER_ERROR");
        assertThat(r.message()).isEqualTo("Job run failed: driver exited with code 1");
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.explanation()).containsExactly("EMR: Job run failed: driver exited with code 1", "ERROR boom");
    }

    @Test
    void sameKeyFindsTheSameRunAndANewKeyStartsAnother() {
        EmrJobRequest req = request("idem").build();
        EmrJobRunReference first = backend.submit(req, new SubmissionKey("build-7"), new RecordingObserver());
        EmrJobRunReference again = backend.submit(req, new SubmissionKey("build-7"), new RecordingObserver());
        EmrJobRunReference other = backend.submit(req, new SubmissionKey("build-8"), new RecordingObserver());

        assertThat(again.jobRunId()).isEqualTo(first.jobRunId());
        assertThat(again.createdAt()).isEqualTo(first.createdAt());
        assertThat(other.jobRunId()).isNotEqualTo(first.jobRunId());
        assertThat(env.aws.jobRuns()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PENDING", "SUBMITTED", "RUNNING"})
    void cancelFromEachActiveState(String from) throws Exception {
        env.aws.script("long", JobScript.builder().pending(Duration.ofSeconds(10)).submitted(Duration.ofSeconds(10))
                .running(Duration.ofMinutes(10)).cancelPending(Duration.ofSeconds(3)).build());
        RecordingObserver observer = new RecordingObserver();
        EmrJobRunReference ref = backend.submit(request("long").build(), new SubmissionKey("cancel-" + from), observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);
        env.advanceUntil(() -> env.aws.jobRunState(ref.jobRunId()).orElseThrow().equals(from)
                && watch.status().contains(from), Duration.ofSeconds(1));

        var result = watch.cancel("Build aborted by alice.");
        env.advanceUntilDone(result);

        JobResult r = result.get();
        assertThat(r.state()).isEqualTo(JobState.CANCELLED);
        assertThat(r.reason()).isEqualTo("Cancelled");
        assertThat(r.message()).startsWith("Build aborted by alice.");
        assertThat(env.aws.jobRunState(ref.jobRunId())).hasValue("CANCELLED");
        assertThat(env.aws.calls(Operation.CANCEL_JOB_RUN)).isEqualTo(1);
    }

    @Test
    void cancellingAnEndedRunReportsHowItEnded() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        EmrJobRunReference ref = backend.submit(request("done").build(), new SubmissionKey("ended"), observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), observer);
        env.advanceUntilDone(watch.result());

        JobResult r = backend.cancel(ref, Duration.ofSeconds(2));

        assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(env.aws.calls(Operation.CANCEL_JOB_RUN)).isEqualTo(1); // refused as not cancellable, tolerated
    }

    @Test
    void blockingCancelWaitsForCancelled() {
        env.aws.script("long", JobScript.builder().running(Duration.ofMinutes(10)).cancelPending(Duration.ZERO).build());
        EmrJobRunReference ref = backend.submit(request("long").build(), new SubmissionKey("blocking"), new RecordingObserver());

        JobResult r = backend.cancel(ref, Duration.ofSeconds(5));

        assertThat(r.state()).isEqualTo(JobState.CANCELLED);
        assertThat(r.nativeState()).isEqualTo("CANCELLED");
    }

    @Test
    void startTimeoutCancelsARunStuckBeforeRunning() throws Exception {
        env.aws.script("stuck", JobScript.builder().pending(Duration.ofHours(2)).build());
        RecordingObserver observer = new RecordingObserver();

        JobResult r = run(request("stuck").build(), WaitOptions.DEFAULT.withStartTimeout(Duration.ofMinutes(1)), observer,
                Duration.ofSeconds(5));

        assertThat(r.state()).isEqualTo(JobState.TIMED_OUT);
        assertThat(r.reason()).isEqualTo("StartTimeout");
        // the run was PENDING from its creation on; the virtual clock runs past the deadline by up to a poll interval
        assertThat(r.message()).containsPattern("did not start within 1 min: it was PENDING for \\d+ (s|min) \\(since 2026-01-01T00:00:00Z\\)");
        assertThat(r.nativeState()).isEqualTo("CANCELLED");
        assertThat(observer.diagnostics).anyMatch(d -> d.contains("cancelling EMR job run"));
    }

    @Test
    void startTimeoutNamesTheStateTheRunWasStuckInAndForHowLong() throws Exception {
        env.aws.script("queued", JobScript.builder().pending(Duration.ofSeconds(20)).submitted(Duration.ofHours(2)).build());
        RecordingObserver observer = new RecordingObserver();

        JobResult r = run(request("queued").build(), WaitOptions.DEFAULT.withStartTimeout(Duration.ofMinutes(2)), observer,
                Duration.ofSeconds(5));
        System.out.println("---- console: EMR StartTimeout");
        observer.transcript().forEach(System.out::println);
        System.out.println(r.state() + " (" + r.reason() + "): " + r.message());

        assertThat(r.state()).isEqualTo(JobState.TIMED_OUT);
        assertThat(r.reason()).isEqualTo("StartTimeout");
        // SUBMITTED from about 20 s on (when a poll saw it), so stuck there for well over a minute of the two
        assertThat(r.message()).containsPattern("did not start within 2 min: it was SUBMITTED for (\\d\\d+ s|\\d+ min) \\(since 2026-01-01T00:00:[2-5]\\dZ\\)");
    }

    @Test
    void startTimeoutDoesNotFireOnceTheDriverRuns() throws Exception {
        env.aws.script("quick", JobScript.builder().pending(Duration.ofSeconds(5)).submitted(Duration.ofSeconds(5))
                .running(Duration.ofMinutes(3)).build());

        JobResult r = run(request("quick").build(), WaitOptions.DEFAULT.withStartTimeout(Duration.ofSeconds(30)),
                new RecordingObserver());

        assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(env.aws.calls(Operation.CANCEL_JOB_RUN)).isZero();
    }

    @Test
    void runTimeoutCancelsARunningJob() throws Exception {
        env.aws.script("forever", JobScript.builder().running(Duration.ofHours(3)).build());

        JobResult r = run(request("forever").build(), WaitOptions.DEFAULT.withRunTimeout(Duration.ofMinutes(2)),
                new RecordingObserver(), Duration.ofSeconds(15));

        assertThat(r.state()).isEqualTo(JobState.TIMED_OUT);
        assertThat(r.reason()).isEqualTo("RunTimeout");
        assertThat(env.aws.jobRunState(r.jobRunId())).hasValue("CANCELLED");
    }

    @Test
    void throttlingAndServerErrorsAreRiddenOut() throws Exception {
        env.aws.script("bumpy", JobScript.builder().running(Duration.ofSeconds(20))
                .stdout(IntStream.rangeClosed(1, 8).mapToObj(i -> "line " + i).toList()).build());
        RecordingObserver observer = new RecordingObserver();
        EmrJobRunReference ref = backend.submit(request("bumpy").build(), new SubmissionKey("bumpy"), observer);
        // more failures in a row than the SDK's three attempts absorb, so the engine's own backoff is exercised
        env.aws.faults().throttle(Operation.LIST_JOB_RUNS, 6).serverError(Operation.DESCRIBE_JOB_RUN, 4)
                .throttle(Operation.GET_LOG_EVENTS, 6).serverError(Operation.DESCRIBE_LOG_STREAMS, 4)
                .dropConnection(Operation.LIST_JOB_RUNS, 2);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);
        env.advanceUntilDone(watch.result());
        JobResult r = watch.result().get();

        assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(observer.texts("cloudwatch:stdout"))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 8).mapToObj(i -> "line " + i).toList());
        assertThat(env.aws.faults().pending(Operation.LIST_JOB_RUNS)).isZero();
        assertThat(env.aws.faults().pending(Operation.GET_LOG_EVENTS)).isZero();
    }

    @Test
    void streamsThatAppearLateLoseNoLines() throws Exception {
        env.aws.logStreamLag(Duration.ofSeconds(40));
        env.aws.script("late", JobScript.builder().running(Duration.ofSeconds(60))
                .stdout(IntStream.rangeClosed(1, 12).mapToObj(i -> "out " + i).toList())
                .stderr(IntStream.rangeClosed(1, 5).mapToObj(i -> "err " + i).toList()).build());
        RecordingObserver observer = new RecordingObserver();

        run(request("late").build(), WaitOptions.DEFAULT, observer);

        assertThat(observer.texts("cloudwatch:stdout")).hasSize(12).doesNotHaveDuplicates();
        assertThat(observer.texts("cloudwatch:stderr")).containsExactly("err 1", "err 2", "err 3", "err 4", "err 5");
        assertThat(env.aws.calls(Operation.DESCRIBE_LOG_STREAMS)).isGreaterThan(1);
    }

    @Test
    void onlyS3ConfiguredDeliversTheLogAfterCompletion() throws Exception {
        env.aws.script("s3only", JobScript.builder().stdout("a", "b").stderr("c").build());
        RecordingObserver observer = new RecordingObserver();
        EmrJobRequest req = request("s3only").monitoring(EmrMonitoring.NONE).s3Logs("s3://logs-bucket/emr").build();

        JobResult r = run(req, WaitOptions.DEFAULT, observer);

        assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(observer.texts("s3:stdout")).containsExactly("a", "b");
        assertThat(observer.texts("s3:stderr")).containsExactly("c");
        assertThat(r.links()).extracting(l -> l.label()).contains("Driver logs (S3)");
        assertThat(env.aws.calls(Operation.GET_LOG_EVENTS)).isZero();
    }

    @Test
    void s3ReadsOutlastASlowDownStormAndA5xxStormWithoutRepeatingALine() throws Exception {
        List<String> out = IntStream.rangeClosed(1, 30).mapToObj(i -> "out " + i).toList();
        env.aws.script("s3storm", JobScript.builder().stdout(out).stderr("err").build());
        // beyond the SDK's own attempts on each of the reads the engine makes
        env.aws.faults().throttle(Operation.LIST_OBJECTS_V2, 12).serverError(Operation.GET_OBJECT, 12);
        RecordingObserver observer = new RecordingObserver();
        EmrJobRequest req = request("s3storm").monitoring(EmrMonitoring.NONE).s3Logs("s3://logs-bucket/emr").build();

        JobResult r = run(req, WaitOptions.DEFAULT, observer);

        assertThat(env.aws.faults().pending(Operation.LIST_OBJECTS_V2)).isZero();
        assertThat(env.aws.faults().pending(Operation.GET_OBJECT)).isZero();
        assertThat(observer.texts("s3:stdout")).isEqualTo(out);
        assertThat(observer.texts("s3:stderr")).containsExactly("err");
        assertThat(r.logNote()).isNull();
        assertThat(observer.diagnostics).anyMatch(d -> d.startsWith("Reading the driver log from S3: SlowDown"));
    }

    @Test
    void s3FillsInWhenCloudWatchNeverGetsTheStreams() throws Exception {
        env.aws.logStreamLag(Duration.ofDays(30));
        env.aws.script("nocw", JobScript.builder().stdout("x", "y", "z").build());
        RecordingObserver observer = new RecordingObserver();

        run(request("nocw").s3Logs("s3://logs-bucket/emr/").build(), WaitOptions.DEFAULT, observer);

        assertThat(observer.texts()).containsExactly("x", "y", "z");
        assertThat(observer.lines).allMatch(l -> l.source().equals("s3:stdout"));
    }

    @Test
    void anUnknownRunFailsItsOwnWatchOnlyAndOthersOnTheClusterFinish() throws Exception {
        EmrJobRunReference ghost = new EmrJobRunReference(env.aws.region(), EmulatedAws.VC, "0000000doesnotexist",
                "ghost", null, null, null, null);
        JobWatch ghostWatch = backend.watch(ghost, WaitOptions.DEFAULT, new RecordingObserver());
        EmrJobRunReference real = backend.submit(request("real").build(), new SubmissionKey("real"), new RecordingObserver());
        JobWatch realWatch = backend.watch(real, WaitOptions.DEFAULT.withFollowLogs(false), new RecordingObserver());

        env.advanceUntilDone(realWatch.result());

        assertThat(realWatch.result().get().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(ghostWatch.result()).isCompletedExceptionally();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ghostWatch.result().join())
                .hasCauseInstanceOf(io.jenkins.plugins.sparkeks.core.job.JobException.class)
                .hasMessageContaining("0000000doesnotexist does not exist");
    }

    @Test
    void aSecondCancelOfACancellingRunIsTolerated() {
        env.aws.script("slowcancel", JobScript.builder().running(Duration.ofMinutes(10)).cancelPending(Duration.ofSeconds(30)).build());
        EmrJobRunReference ref = backend.submit(request("slowcancel").build(), new SubmissionKey("twice"), new RecordingObserver());

        JobResult first = backend.cancel(ref, Duration.ofMillis(100));
        env.aws.advance(Duration.ofSeconds(31));
        JobResult second = backend.cancel(ref, Duration.ofSeconds(5));

        assertThat(first.state()).isEqualTo(JobState.CANCELLING);
        assertThat(first.message()).contains("had not confirmed");
        assertThat(second.state()).isEqualTo(JobState.CANCELLED);
        assertThat(env.aws.calls(Operation.CANCEL_JOB_RUN)).isEqualTo(2);
    }

    @Test
    void aBackendFromTheSharedClientFactoryTalksToTheConfiguredEndpoints() {
        software.amazon.awssdk.auth.credentials.AwsCredentialsProvider creds =
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                io.jenkins.plugins.sparkeks.emulator.AwsEmulator.ACCESS_KEY_ID,
                                io.jenkins.plugins.sparkeks.emulator.AwsEmulator.SECRET_ACCESS_KEY));
        io.jenkins.plugins.sparkeks.core.auth.AwsSettings settings = io.jenkins.plugins.sparkeks.core.auth.AwsSettings
                .of(env.aws.region()).withCredentials(creds);
        for (io.jenkins.plugins.sparkeks.core.auth.AwsService s : io.jenkins.plugins.sparkeks.core.auth.AwsService.values()) {
            settings = settings.withEndpoint(s, env.aws.endpoint());
        }
        try (io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory clients = new io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory()) {
            EmrBackend fromFactory = EmrBackend.create(clients, settings, machinery);
            EmrJobRunReference ref = fromFactory.submit(request("factory").build(), new SubmissionKey("f"), new RecordingObserver());

            assertThat(fromFactory.describe(ref).state()).isEqualTo(JobState.SUBMITTED);
            // the account id keys the shared CloudWatch budget
            assertThat(env.aws.calls(Operation.GET_CALLER_IDENTITY)).isEqualTo(1);
        }
    }
}
