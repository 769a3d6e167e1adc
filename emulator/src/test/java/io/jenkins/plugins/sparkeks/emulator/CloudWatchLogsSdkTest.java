package io.jenkins.plugins.sparkeks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;

class CloudWatchLogsSdkTest {
    private static final String GROUP = "/emr/jobs";

    private AwsEmulator aws;
    private EmrContainersClient emr;
    private CloudWatchLogsClient logs;

    @BeforeEach
    void start() {
        aws = AwsEmulator.builder().logStreamLag(Duration.ofSeconds(5)).start()
                .virtualCluster(VirtualCluster.running("vc1", "analytics", "eks-prod", "spark"));
        emr = Sdk.emr(aws);
        logs = Sdk.logs(aws);
    }

    @AfterEach
    void stop() {
        emr.close();
        logs.close();
        aws.close();
    }

    private String startJob(String name, JobScript script) {
        aws.script(name, script);
        return emr.startJobRun(r -> r.virtualClusterId("vc1").name(name).clientToken(name)
                .executionRoleArn("arn:aws:iam::111122223333:role/job").releaseLabel("emr-7.2.0-latest")
                .jobDriver(d -> d.sparkSubmitJobDriver(s -> s.entryPoint("s3://bucket/app.py")))
                .configurationOverrides(c -> c.monitoringConfiguration(m -> m
                        .cloudWatchMonitoringConfiguration(cw -> cw.logGroupName(GROUP).logStreamNamePrefix("pi"))))
        ).id();
    }

    private static String stdout(String id) {
        return "pi/vc1/jobs/" + id + "/containers/spark-" + id + "/spark-" + id + "-driver/stdout";
    }

    @Test
    void driverStreamsAppearOnlyAfterTheLagAtTheDocumentedNames() {
        // RUNNING from t=0 to t=40 s; lines at 10, 20, 30 s; streams exist from t=5 s
        String id = startJob("pi", JobScript.builder().pending(Duration.ZERO).submitted(Duration.ZERO)
                .running(Duration.ofSeconds(40)).stdout("one", "two", "three").stderr("log4j line").build());

        assertThat(logs.describeLogStreams(r -> r.logGroupName(GROUP)).logStreams()).isEmpty();
        assertThatThrownBy(() -> logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stdout(id))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("log stream does not exist");

        aws.advance(Duration.ofSeconds(5));
        List<String> streams = logs.describeLogStreams(r -> r.logGroupName(GROUP)
                .logStreamNamePrefix("pi/vc1/jobs/" + id)).logStreams().stream().map(LogStream::logStreamName).toList();
        assertThat(streams).hasSize(3);
        assertThat(streams.get(0)).matches("pi/vc1/jobs/" + id + "/containers/" + id + "-[0-9a-z]{5}/stdout");
        assertThat(streams.subList(1, 3)).containsExactly(stdout(id).replace("/stdout", "/stderr"), stdout(id));
        assertThat(logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stdout(id)).startFromHead(true))
                .events()).isEmpty();

        aws.advance(Duration.ofSeconds(16));
        List<OutputLogEvent> events = logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stdout(id))
                .startFromHead(true)).events();
        assertThat(events).extracting(OutputLogEvent::message).containsExactly("one", "two");
        assertThat(events.get(0).timestamp()).isEqualTo(AwsEmulator.DEFAULT_START.plusSeconds(10).toEpochMilli());
    }

    @Test
    void linesPrintedBeforeTheStreamExistsArriveTogetherWhenItAppears() {
        aws.logStreamLag(Duration.ofSeconds(25));
        String id = startJob("pi", JobScript.builder().pending(Duration.ZERO).submitted(Duration.ZERO)
                .running(Duration.ofSeconds(40)).stdout("one", "two", "three").build());

        aws.advance(Duration.ofSeconds(24));
        assertThat(logs.describeLogStreams(r -> r.logGroupName(GROUP)).logStreams()).isEmpty();
        aws.advance(Duration.ofSeconds(1));

        List<OutputLogEvent> events = logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stdout(id))
                .startFromHead(true)).events();
        assertThat(events).extracting(OutputLogEvent::message).containsExactly("one", "two");
        assertThat(events).extracting(OutputLogEvent::ingestionTime)
                .containsOnly(AwsEmulator.DEFAULT_START.plusSeconds(25).toEpochMilli());
    }

    @Test
    void theJobRunnerStreamShowsTheSubmissionBeforeTheDriverStreamsExist() {
        String id = startJob("pi", JobScript.builder().pending(Duration.ofSeconds(10)).submitted(Duration.ofSeconds(30))
                .running(Duration.ofSeconds(40)).build());
        aws.advance(Duration.ofSeconds(20));   // SUBMITTED since 10 s, its stream since 15 s; driver not started

        List<LogStream> streams = logs.describeLogStreams(r -> r.logGroupName(GROUP)
                .logStreamNamePrefix("pi/vc1/jobs/" + id + "/")).logStreams();
        assertThat(streams).singleElement().extracting(LogStream::logStreamName).asString().endsWith("/stdout")
                .doesNotContain("driver");
        assertThat(logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(streams.get(0).logStreamName())
                .startFromHead(true)).events()).extracting(OutputLogEvent::message)
                .containsExactly("INFO Client: Submitting application spark-" + id + " in cluster mode");
    }

    @Test
    void aShortRunCanFinishBeforeItsDriverStreamsExist() {
        aws.logStreamLag(Duration.ofSeconds(30));
        String id = startJob("pi", JobScript.builder().pending(Duration.ZERO).submitted(Duration.ZERO)
                .running(Duration.ofSeconds(10)).stdout("one", "two").build());

        aws.advance(Duration.ofSeconds(15));
        assertThat(emr.describeJobRun(r -> r.virtualClusterId("vc1").id(id)).jobRun().stateAsString())
                .isEqualTo("COMPLETED");
        assertThatThrownBy(() -> logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stdout(id))))
                .isInstanceOf(ResourceNotFoundException.class);

        aws.advance(Duration.ofSeconds(15));
        assertThat(logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stdout(id)).startFromHead(true))
                .events()).extracting(OutputLogEvent::message).containsExactly("one", "two");
    }

    @Test
    void getLogEventsPagesForwardAndReturnsTheSameTokenAtTheEnd() {
        String id = startJob("pi", JobScript.builder().pending(Duration.ZERO).submitted(Duration.ZERO)
                .running(Duration.ofSeconds(60)).stdout("l1", "l2", "l3", "l4", "l5").build());
        aws.advance(Duration.ofSeconds(35));   // l1..l3 printed at 10, 20, 30 s

        GetLogEventsResponse page1 = logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stdout(id))
                .startFromHead(true).limit(2));
        GetLogEventsResponse page2 = logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stdout(id))
                .nextToken(page1.nextForwardToken()));
        GetLogEventsResponse end = logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stdout(id))
                .nextToken(page2.nextForwardToken()));
        assertThat(page1.events()).extracting(OutputLogEvent::message).containsExactly("l1", "l2");
        assertThat(page2.events()).extracting(OutputLogEvent::message).containsExactly("l3");
        assertThat(end.events()).isEmpty();
        assertThat(end.nextForwardToken()).isEqualTo(page2.nextForwardToken());

        aws.advance(Duration.ofSeconds(20));
        GetLogEventsResponse more = logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stdout(id))
                .nextToken(end.nextForwardToken()));
        assertThat(more.events()).extracting(OutputLogEvent::message).containsExactly("l4", "l5");
    }

    @Test
    void withoutStartFromHeadTheNewestEventsComeFirstAndBackwardTokensGoBack() {
        aws.logEvent("g", "s", Instant.ofEpochMilli(1), "a").logEvent("g", "s", Instant.ofEpochMilli(2), "b")
                .logEvent("g", "s", Instant.ofEpochMilli(3), "c");

        GetLogEventsResponse tail = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").limit(2));
        GetLogEventsResponse before = logs.getLogEvents(r -> r.logGroupName("g").logStreamName("s").limit(2)
                .nextToken(tail.nextBackwardToken()));

        assertThat(tail.events()).extracting(OutputLogEvent::message).containsExactly("b", "c");
        assertThat(before.events()).extracting(OutputLogEvent::message).containsExactly("a");
    }

    @Test
    void describeLogStreamsOrdersAndPages() {
        aws.logEvent("g", "b", Instant.ofEpochMilli(30), "x").logEvent("g", "a", Instant.ofEpochMilli(50), "x")
                .logEvent("g", "c", Instant.ofEpochMilli(10), "x");

        assertThat(logs.describeLogStreamsPaginator(r -> r.logGroupName("g").limit(1)).logStreams())
                .extracting(LogStream::logStreamName).containsExactly("a", "b", "c");
        assertThat(logs.describeLogStreams(r -> r.logGroupName("g").orderBy(OrderBy.LAST_EVENT_TIME)
                .descending(true)).logStreams()).extracting(LogStream::logStreamName).containsExactly("a", "b", "c");
        assertThat(logs.describeLogStreams(r -> r.logGroupName("g").orderBy(OrderBy.LAST_EVENT_TIME)).logStreams())
                .extracting(LogStream::logStreamName).containsExactly("c", "b", "a");
        assertThatThrownBy(() -> logs.describeLogStreams(r -> r.logGroupName("g").logStreamNamePrefix("a")
                .orderBy(OrderBy.LAST_EVENT_TIME))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> logs.describeLogStreams(r -> r.logGroupName("missing")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("log group does not exist");
    }

    @Test
    void filterLogEventsInterleavesStreamsByTimeAndPages() {
        aws.logEvent("g", "job/1/stdout", Instant.ofEpochMilli(100), "out-1")
                .logEvent("g", "job/1/stderr", Instant.ofEpochMilli(150), "err-1")
                .logEvent("g", "job/1/stdout", Instant.ofEpochMilli(200), "out-2 ERROR boom")
                .logEvent("g", "other/stdout", Instant.ofEpochMilli(120), "elsewhere");

        List<FilteredLogEvent> byPrefix = logs.filterLogEventsPaginator(r -> r.logGroupName("g")
                .logStreamNamePrefix("job/1/").limit(1)).events().stream().toList();
        assertThat(byPrefix).extracting(FilteredLogEvent::message).containsExactly("out-1", "err-1",
                "out-2 ERROR boom");
        assertThat(byPrefix).extracting(FilteredLogEvent::logStreamName).containsExactly("job/1/stdout",
                "job/1/stderr", "job/1/stdout");
        assertThat(byPrefix).extracting(FilteredLogEvent::eventId).doesNotHaveDuplicates().doesNotContainNull();

        assertThat(logs.filterLogEvents(r -> r.logGroupName("g").logStreamNames("other/stdout", "job/1/stderr"))
                .events()).extracting(FilteredLogEvent::message).containsExactly("elsewhere", "err-1");
        assertThat(logs.filterLogEvents(r -> r.logGroupName("g").startTime(120L).endTime(150L)).events())
                .extracting(FilteredLogEvent::message).containsExactly("elsewhere", "err-1");
        assertThat(logs.filterLogEvents(r -> r.logGroupName("g").filterPattern("ERROR")).events())
                .extracting(FilteredLogEvent::message).containsExactly("out-2 ERROR boom");
        assertThat(logs.filterLogEvents(r -> r.logGroupName("g").limit(10)).nextToken()).isNull();
        List<String> tooMany = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "job/" + i + "/stdout").toList();
        assertThatThrownBy(() -> logs.filterLogEvents(r -> r.logGroupName("g").logStreamNames(tooMany)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at most 100");
        assertThat(logs.filterLogEvents(r -> r.logGroupName("g").logStreamNames(tooMany.subList(0, 100))).events())
                .extracting(FilteredLogEvent::message).containsExactly("out-1", "out-2 ERROR boom");
    }

    @Test
    void cancelledRunStopsWritingAtTheCancel() {
        String id = startJob("pi", JobScript.builder().pending(Duration.ZERO).submitted(Duration.ZERO)
                .running(Duration.ofSeconds(40)).stdout("one", "two", "three").build());
        aws.advance(Duration.ofSeconds(15));
        emr.cancelJobRun(r -> r.virtualClusterId("vc1").id(id));
        aws.advance(Duration.ofMinutes(5));

        assertThat(logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stdout(id)).startFromHead(true))
                .events()).extracting(OutputLogEvent::message).containsExactly("one");
    }
}
