package io.jenkins.plugins.sparkeks.core.logs.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/** Stream discovery, forward-token semantics, positions and the drain, with a mocked CloudWatch client. */
class CloudWatchDriverLogTest {

    private static final String DIR = "ci/vc1/jobs/jr1/containers/spark-jr1/spark-jr1-driver/";

    private final CloudWatchLogsClient logs = mock(CloudWatchLogsClient.class);
    private final List<LogLine> lines = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final CloudWatchRateLimiter unlimited = new CloudWatchRateLimiter(
            Map.of(CloudWatchRateLimiter.Operation.GET_LOG_EVENTS, 1e6, CloudWatchRateLimiter.Operation.DESCRIBE_LOG_STREAMS, 1e6),
            System::nanoTime);

    private CloudWatchDriverLog follower(Map<String, StreamPosition> positions) {
        return new CloudWatchDriverLog(logs, "/emr/jobs", DIR, positions, lines::add, now::get);
    }

    private void streams(String... kinds) {
        when(logs.describeLogStreams(any(DescribeLogStreamsRequest.class))).thenReturn(DescribeLogStreamsResponse.builder()
                .logStreams(java.util.Arrays.stream(kinds).map(k -> LogStream.builder().logStreamName(DIR + k).build()).toList())
                .build());
    }

    private static OutputLogEvent event(long ms, String message) {
        return OutputLogEvent.builder().timestamp(ms).message(message).build();
    }

    private void page(String kind, String tokenIn, String tokenOut, OutputLogEvent... events) {
        when(logs.getLogEvents(argThat((GetLogEventsRequest r) -> r != null && r.logStreamName().equals(DIR + kind)
                && java.util.Objects.equals(r.nextToken(), tokenIn))))
                .thenReturn(GetLogEventsResponse.builder().events(events).nextForwardToken(tokenOut).build());
    }

    @Test
    void discoversStreamsLateAndReadsEachFromItsForwardToken() {
        streams();
        CloudWatchDriverLog f = follower(Map.of());
        f.poll(unlimited);
        verify(logs, never()).getLogEvents(any(GetLogEventsRequest.class));

        streams("stdout", "stderr", "stdout-other");
        page("stdout", null, "f/1", event(1000, "a"), event(3000, "c\nd"));
        page("stderr", null, "e/1", event(2000, "b"));
        f.poll(unlimited);
        assertThat(lines).extracting(LogLine::text).containsExactly("a", "b", "c", "d");
        assertThat(lines).extracting(LogLine::source)
                .containsExactly("cloudwatch:stdout", "cloudwatch:stderr", "cloudwatch:stdout", "cloudwatch:stdout");

        // the same token back = no new data
        page("stdout", "f/1", "f/1");
        page("stderr", "e/1", "e/1");
        f.poll(unlimited);
        assertThat(lines).hasSize(4);
        // both the token and the time cursor (last event's millisecond, one event there) move
        assertThat(f.positions()).containsEntry("stdout", new StreamPosition(3, 3, "f/1", 3000, 1))
                .containsEntry("stderr", new StreamPosition(1, 1, "e/1", 2000, 1));
        assertThat(f.streamName("stdout")).isEqualTo(DIR + "stdout");
    }

    @Test
    void linesAlreadyDeliveredByAnotherSourceAreSkipped() {
        streams("stdout", "stderr");
        page("stdout", null, "f/1", event(1, "one"), event(2, "two"), event(3, "three"));
        page("stderr", null, "e/0");
        CloudWatchDriverLog f = follower(Map.of("stdout", new StreamPosition(2, 0, null)));
        f.poll(unlimited);
        assertThat(lines).extracting(LogLine::text).containsExactly("three");
        assertThat(f.positions().get("stdout")).isEqualTo(new StreamPosition(3, 3, "f/1", 3, 1));
    }

    @Test
    void drainCompletesWhenEveryStreamStaysQuietAndIsIncompleteWhenOneNeverAppears() {
        streams("stdout", "stderr");
        page("stdout", null, "f/1", event(1, "x"));
        page("stderr", null, "e/1", event(1, "y"));
        page("stdout", "f/1", "f/1");
        page("stderr", "e/1", "e/1");
        CloudWatchDriverLog complete = follower(Map.of());
        complete.poll(unlimited);
        var outcome = complete.drain(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30));
        complete.poll(unlimited);
        assertThat(outcome).isNotDone();
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        complete.poll(unlimited);
        assertThat(outcome).isCompletedWithValue(CloudWatchDriverLog.DrainOutcome.COMPLETE);

        streams("stdout");
        CloudWatchDriverLog partial = follower(Map.of());
        var partialOutcome = partial.drain(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30));
        partial.poll(unlimited);
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        partial.poll(unlimited);
        assertThat(partialOutcome).isNotDone();
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        partial.poll(unlimited);
        assertThat(partialOutcome).isCompletedWithValue(CloudWatchDriverLog.DrainOutcome.INCOMPLETE);
    }

    private static CloudWatchLogsException throttling() {
        return (CloudWatchLogsException) CloudWatchLogsException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded").build())
                .build();
    }

    @Test
    void linesOfAStreamReadBeforeAnotherStreamsReadFailedAreDeliveredOnce() {
        streams("stdout", "stderr");
        page("stdout", null, "f/2", event(1, "one"), event(2, "two"));
        when(logs.getLogEvents(argThat((GetLogEventsRequest r) -> r != null && r.logStreamName().equals(DIR + "stderr"))))
                .thenThrow(throttling());
        CloudWatchDriverLog f = follower(Map.of());

        assertThatThrownBy(() -> f.poll(unlimited)).isInstanceOf(CloudWatchLogsException.class);
        assertThat(lines).extracting(LogLine::text).containsExactly("one", "two");

        page("stdout", "f/2", "f/2");
        page("stderr", null, "e/1", event(3, "three"));
        f.poll(unlimited);
        assertThat(lines).extracting(LogLine::text).containsExactly("one", "two", "three");
    }

    @Test
    void timeSpentThrottledIsNotQuietTheDrainWaitsForAReadAtTheEndOrItsDeadline() {
        streams("stdout", "stderr");
        page("stdout", null, "f/1", event(1, "x"));
        page("stderr", null, "e/1", event(1, "y"));
        CloudWatchDriverLog f = follower(Map.of());
        f.poll(unlimited);
        var outcome = f.drain(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30));

        when(logs.getLogEvents(any(GetLogEventsRequest.class))).thenThrow(throttling());
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThatThrownBy(() -> f.poll(unlimited)).isInstanceOf(CloudWatchLogsException.class);
        assertThat(outcome).as("nothing was read, so nothing is known to be complete").isNotDone();

        now.addAndGet(Duration.ofSeconds(21).toNanos());
        assertThatThrownBy(() -> f.poll(unlimited)).isInstanceOf(CloudWatchLogsException.class);
        assertThat(outcome).isCompletedWithValue(CloudWatchDriverLog.DrainOutcome.INCOMPLETE);
    }

    @Test
    void afterThrottlingTheDrainCompletesOnlyOnceTheReadsReachTheEnd() {
        streams("stdout", "stderr");
        CloudWatchDriverLog f = follower(Map.of());
        var outcome = f.drain(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30));
        when(logs.getLogEvents(any(GetLogEventsRequest.class))).thenThrow(throttling());
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThatThrownBy(() -> f.poll(unlimited)).isInstanceOf(CloudWatchLogsException.class);
        assertThat(outcome).isNotDone();

        org.mockito.Mockito.reset(logs);
        streams("stdout", "stderr");
        page("stdout", null, "f/1", event(1, "x"));
        page("stderr", null, "e/1", event(1, "y"));
        page("stdout", "f/1", "f/1");
        page("stderr", "e/1", "e/1");
        f.poll(unlimited);
        assertThat(outcome).as("lines just arrived").isNotDone();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        f.poll(unlimited);
        assertThat(outcome).isNotDone();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        f.poll(unlimited);
        assertThat(outcome).isCompletedWithValue(CloudWatchDriverLog.DrainOutcome.COMPLETE);
        assertThat(lines).extracting(LogLine::text).containsExactly("x", "y");
    }

    @Test
    void aStreamCountsAsMissingOnlyIfALookupAfterTheGraceStillMissesIt() {
        streams("stdout");
        page("stdout", null, "f/1", event(1, "x"));
        page("stdout", "f/1", "f/1");
        CloudWatchDriverLog f = follower(Map.of());
        f.poll(unlimited);
        var outcome = f.drain(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(60));
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        f.poll(unlimited);
        assertThat(outcome).isNotDone();

        when(logs.describeLogStreams(any(DescribeLogStreamsRequest.class))).thenThrow(throttling());
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThatThrownBy(() -> f.poll(unlimited)).isInstanceOf(CloudWatchLogsException.class);
        assertThat(outcome).as("the grace passed while lookups were throttled").isNotDone();

        org.mockito.Mockito.reset(logs);
        streams("stdout", "stderr");
        page("stdout", "f/1", "f/1");
        page("stderr", null, "e/1", event(2, "late"));
        f.poll(unlimited);
        assertThat(lines).extracting(LogLine::text).containsExactly("x", "late");
    }

    @Test
    void aSpentBudgetSkipsTheTurnWithoutCalling() {
        CloudWatchRateLimiter none = new CloudWatchRateLimiter(
                Map.of(CloudWatchRateLimiter.Operation.DESCRIBE_LOG_STREAMS, 1.0), System::nanoTime);
        while (none.tryAcquire(CloudWatchRateLimiter.Operation.DESCRIBE_LOG_STREAMS)) {
            // spend the whole lookup budget
        }
        streams("stdout", "stderr");
        assertThat(follower(Map.of()).poll(none)).isFalse();
        verify(logs, never()).describeLogStreams(any(DescribeLogStreamsRequest.class));
    }

    /**
     * A detach stops the log, then saves its cursor; the new process resumes from that cursor. A read the poller
     * had already begun must not deliver past it (the fault suite saw a resumed run repeat 5 lines).
     */
    @Test
    void aStopWaitsForTheReadInFlightAndNothingIsDeliveredAfterIt() throws Exception {
        streams("stdout", "stderr");
        page("stdout", null, "f/2", event(1, "one"), event(2, "two"));
        page("stderr", null, "e/0");
        CloudWatchDriverLog f = follower(Map.of());
        f.poll(unlimited);
        lines.clear();
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        when(logs.getLogEvents(argThat((GetLogEventsRequest r) -> r != null && r.logStreamName().equals(DIR + "stdout"))))
                .thenAnswer(inv -> {
                    reads.incrementAndGet();
                    inFlight.countDown();
                    answer.await();
                    return GetLogEventsResponse.builder().events(event(3, "three")).nextForwardToken("f/3").build();
                });
        Thread poller = new Thread(() -> f.readAlone(DIR + "stdout"));
        poller.start();
        inFlight.await();
        Thread stopper = new Thread(f::stop);
        stopper.start();
        stopper.join(300);
        assertThat(stopper.isAlive()).as("the stop waits for the read in flight").isTrue();
        answer.countDown();
        stopper.join(5000);
        poller.join(5000);
        assertThat(stopper.isAlive()).isFalse();
        Map<String, StreamPosition> cursor = f.positions();
        assertThat(lines).extracting(LogLine::text).containsExactly("three");
        assertThat(cursor.get("stdout").delivered()).isEqualTo(3);

        // a round that had the log in its snapshot reads on after the stop: nothing more may come
        f.readAlone(DIR + "stdout");
        f.poll(unlimited);
        assertThat(reads).hasValue(1);
        assertThat(lines).hasSize(1);
        assertThat(f.positions()).isEqualTo(cursor);
    }

    @Test
    void aStopBetweenTheEventsOfAFilterReadConsumesNoMoreOfThem() {
        streams("stdout", "stderr");
        page("stdout", null, "f/1", event(1, "one"));
        page("stderr", null, "e/0");
        CloudWatchDriverLog f = follower(Map.of());
        f.poll(unlimited);
        lines.clear();
        List<String> names = f.batchableStreams();
        f.beginFiltered(names);
        List<LogLine> pending = new java.util.ArrayList<>();
        f.offer(filtered("stdout", 2, "two"), pending);
        f.stop();
        Map<String, StreamPosition> cursor = f.positions();
        f.offer(filtered("stdout", 3, "three"), pending);
        f.endFiltered(pending, true);
        // "two" was consumed before the stop, so the cursor covers it and it goes out; "three" is left to the resume
        assertThat(lines).extracting(LogLine::text).containsExactly("two");
        assertThat(f.positions()).isEqualTo(cursor);
        assertThat(cursor.get("stdout").delivered()).isEqualTo(2);
        f.beginFiltered(names);
        f.offer(filtered("stdout", 3, "three"), pending);
        assertThat(f.positions()).isEqualTo(cursor);
    }

    private static software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent filtered(String kind, long ms,
            String message) {
        return software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent.builder().logStreamName(DIR + kind)
                .timestamp(ms).message(message).build();
    }

    @Test
    void positionsSurviveEncoding() {
        StreamPosition p = new StreamPosition(12, 10, "f/3712|odd");
        assertThat(StreamPosition.decode(p.encode())).isEqualTo(p);
        assertThat(StreamPosition.decode(null)).isEqualTo(StreamPosition.START);
        assertThat(StreamPosition.decode(new StreamPosition(4, 0, null).encode())).isEqualTo(new StreamPosition(4, 0, null));
    }
}
