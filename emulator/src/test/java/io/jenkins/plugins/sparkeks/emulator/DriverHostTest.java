package io.jenkins.plugins.sparkeks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.emrcontainers.model.FailureReason;
import software.amazon.awssdk.services.emrcontainers.model.JobRun;
import software.amazon.awssdk.services.emrcontainers.model.JobRunState;

/** A job run whose driver a host runs follows the host's reports, not its script. */
class DriverHostTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/emr-job";

    private AwsEmulator aws;
    private EmrContainersClient emr;
    private final List<DriverLaunch> launches = new CopyOnWriteArrayList<>();
    private final AtomicReference<DriverHost.Events> events = new AtomicReference<>();
    private final AtomicInteger cancels = new AtomicInteger();

    @BeforeEach
    void start() {
        aws = AwsEmulator.start()
                .virtualCluster(VirtualCluster.running("vc1", "analytics", "eks-prod", "spark"))
                .script("scripted", JobScript.builder().running(Duration.ofSeconds(10)).build());
        emr = Sdk.emr(aws);
    }

    @AfterEach
    void stop() {
        emr.close();
        aws.close();
    }

    private void hostEverything() {
        aws.driverHost((launch, e) -> {
            launches.add(launch);
            events.set(e);
            return Optional.of(cancels::incrementAndGet);
        });
    }

    private String startRun(String name) {
        return emr.startJobRun(r -> r.virtualClusterId("vc1").name(name).clientToken(name)
                .executionRoleArn(ROLE).releaseLabel("emr-7.5.0-latest")
                .jobDriver(d -> d.sparkSubmitJobDriver(s -> s.entryPoint("local:///usr/lib/spark/examples/jars/"
                        + "spark-examples.jar").entryPointArguments("100")
                        .sparkSubmitParameters("--class org.apache.spark.examples.SparkPi --conf spark.a=b")))
                .configurationOverrides(o -> o.applicationConfiguration(c -> c.classification("spark-defaults")
                        .properties(Map.of("spark.eventLog.enabled", "true"))))).id();
    }

    private JobRun describe(String id) {
        return emr.describeJobRun(r -> r.virtualClusterId("vc1").id(id)).jobRun();
    }

    @Test
    void theHostedRunIsRunningWhileTheDriverRunsAndCompletesWhenItExitsZero() {
        hostEverything();
        String id = startRun("pi");

        assertThat(launches).singleElement().satisfies(l -> {
            assertThat(l.jobRunId()).isEqualTo(id);
            assertThat(l.eksClusterName()).isEqualTo("eks-prod");
            assertThat(l.namespace()).isEqualTo("spark");
            assertThat(l.sparkSubmitParameters()).isEqualTo("--class org.apache.spark.examples.SparkPi --conf spark.a=b");
            assertThat(l.entryPointArguments()).containsExactly("100");
            assertThat(l.sparkDefaults()).containsExactly(Map.entry("spark.eventLog.enabled", "true"));
            assertThat(l.toString()).doesNotContain("spark.a=b", "eventLog", "100");
        });
        aws.advance(Duration.ofMinutes(30));
        assertThat(describe(id).state()).as("no report yet, however late").isEqualTo(JobRunState.SUBMITTED);

        events.get().running();
        aws.advance(Duration.ofHours(2));
        assertThat(describe(id).state()).isEqualTo(JobRunState.RUNNING);

        events.get().exited(0);
        JobRun done = describe(id);
        assertThat(done.state()).isEqualTo(JobRunState.COMPLETED);
        assertThat(done.finishedAt()).isEqualTo(aws.clock().instant());
        events.get().exited(1);
        assertThat(describe(id).state()).as("a report after the end changes nothing").isEqualTo(JobRunState.COMPLETED);
    }

    @Test
    void whatTheHostedDriverPrintsBeforeItExitsIsItsCloudWatchStdout() {
        hostEverything();
        String id = emr.startJobRun(r -> r.virtualClusterId("vc1").name("logged").clientToken("logged")
                .executionRoleArn(ROLE).releaseLabel("emr-7.5.0-latest")
                .jobDriver(d -> d.sparkSubmitJobDriver(s -> s.entryPoint("local:///app.jar")))
                .configurationOverrides(o -> o.monitoringConfiguration(m -> m.cloudWatchMonitoringConfiguration(
                        c -> c.logGroupName("/emr").logStreamNamePrefix("p"))))).id();
        aws.advance(Duration.ofSeconds(3));
        events.get().running();
        aws.advance(Duration.ofSeconds(1));
        events.get().log("Pi is roughly 3.14");
        aws.advance(Duration.ofSeconds(1));
        events.get().log("done");
        events.get().exited(0);
        events.get().log("after the end");
        aws.advance(Duration.ofSeconds(10));

        try (var logs = Sdk.logs(aws)) {
            String stream = "p/vc1/jobs/" + id + "/containers/spark-" + id + "/spark-" + id + "-driver/stdout";
            assertThat(logs.getLogEvents(r -> r.logGroupName("/emr").logStreamName(stream).startFromHead(true))
                    .events()).extracting(e -> e.message()).containsExactly("Pi is roughly 3.14", "done");
        }
    }

    @Test
    void aNonZeroExitFailsTheRunWithUserErrorAndTheExitCode() {
        hostEverything();
        String id = startRun("pi");
        aws.advance(Duration.ofSeconds(5));
        events.get().running();
        aws.advance(Duration.ofSeconds(5));
        events.get().exited(3);

        JobRun failed = describe(id);
        assertThat(failed.state()).isEqualTo(JobRunState.FAILED);
        assertThat(failed.failureReason()).isEqualTo(FailureReason.USER_ERROR);
        assertThat(failed.stateDetails()).isEqualTo("Job run failed: driver pod spark-" + id
                + "-driver exited with code 3");
    }

    @Test
    void aLostDriverFailsTheRunAndACancelStopsTheHostedDriver() {
        hostEverything();
        String lost = startRun("lost");
        events.get().running();
        events.get().lost("was deleted");
        aws.advance(Duration.ofSeconds(3));
        assertThat(describe(lost).state()).as("it ends once PENDING (2 s by name) is over").isEqualTo(JobRunState.FAILED);
        assertThat(describe(lost).stateDetails()).isEqualTo("Job run failed: driver pod spark-" + lost
                + "-driver was deleted");

        String cancelled = startRun("cancelled");
        emr.cancelJobRun(r -> r.virtualClusterId("vc1").id(cancelled));
        assertThat(cancels).hasValue(1);
        events.get().exited(0);
        aws.advance(Duration.ofMinutes(1));
        assertThat(describe(cancelled).state()).isEqualTo(JobRunState.CANCELLED);
    }

    @Test
    void withoutAHostOrWhenItDeclinesTheRunFollowsItsScript() {
        String plain = startRun("scripted");
        aws.driverHost((launch, e) -> {
            launches.add(launch);
            return Optional.empty();
        });
        String declined = startRun("scripted2");
        aws.advance(Duration.ofSeconds(6));
        assertThat(describe(plain).state()).isEqualTo(JobRunState.RUNNING);
        assertThat(describe(declined).state()).isEqualTo(JobRunState.RUNNING);
        aws.advance(Duration.ofSeconds(20));
        assertThat(describe(plain).state()).isEqualTo(JobRunState.COMPLETED);
        assertThat(describe(declined).state()).isEqualTo(JobRunState.COMPLETED);
        assertThat(launches).hasSize(1);
    }
}
