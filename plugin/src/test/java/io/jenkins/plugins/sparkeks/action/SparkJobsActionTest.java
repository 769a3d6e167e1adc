package io.jenkins.plugins.sparkeks.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import hudson.model.Run;
import io.jenkins.plugins.sparkeks.core.insight.SparkFailure;
import io.jenkins.plugins.sparkeks.core.insight.SparkInsight;
import io.jenkins.plugins.sparkeks.core.insight.SparkSnapshot;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SparkJobsActionTest {

    private static final JobReference POD = new DriverPodReference(
            ClusterCoordinates.eks("us-east-1", "prod"),
            "spark",
            "pi-1a2b-driver",
            "uid-1",
            "spark-1a2b",
            "1a2b",
            null);

    @Test
    void aRunningJobShowsSparksLiveProgressUntilItsVerdictKeepsTheLastSnapshotAndHowToReachTheUi() {
        Run<?, ?> run = mock(Run.class);
        SparkJobsAction action = new SparkJobsAction();
        action.onAttached(run);
        action.record(SparkJobSummary.submitted("k1", POD));
        SparkSnapshot running = new SparkSnapshot(
                SparkSnapshot.Source.LIVE,
                Instant.EPOCH,
                1,
                1,
                0,
                1,
                1,
                0,
                0,
                "2 (count at Pi.scala:38)",
                40,
                100,
                0,
                4,
                0,
                null);
        action.live("k1", running);
        assertThat(action.liveProgress("k1"))
                .isEqualTo("Spark: jobs 1 done, 1 running, 0 failed · stage 2 (count at Pi.scala:38) 40/100 tasks"
                        + " · executors 4 alive");

        SparkSnapshot last = new SparkSnapshot(
                SparkSnapshot.Source.LIVE,
                Instant.EPOCH,
                1,
                0,
                1,
                1,
                0,
                1,
                0,
                null,
                0,
                0,
                3,
                3,
                1,
                new SparkFailure(1, "write orders", 3, "save at Etl.scala:40", "disk full"));
        SparkInsight insight = new SparkInsight(
                SparkInsight.Coverage.PARTIAL,
                last,
                "the final seconds were not observed",
                "http://localhost:4040",
                "kubectl port-forward -n spark pod/pi-1a2b-driver 4040:4040",
                null);
        action.record(SparkJobSummary.of(
                "k1",
                POD,
                JobResult.builder(Backend.KUBERNETES, JobState.FAILED)
                        .reason("SparkJobFailed")
                        .spark(insight)
                        .build()));

        assertThat(action.liveProgress("k1"))
                .as("the verdict's row replaces the live line")
                .isNull();
        assertThat(action.getJobs()).singleElement().satisfies(j -> {
            assertThat(j.getSpark())
                    .isEqualTo("Spark: jobs 1 done, 0 running, 1 failed · 3 failed tasks · executors 3 alive, 1 lost");
            assertThat(j.getSparkCoverage()).isEqualTo("PARTIAL");
            assertThat(j.getSparkNote()).isEqualTo("the final seconds were not observed");
            assertThat(j.getSparkPortForward()).isEqualTo("kubectl port-forward -n spark pod/pi-1a2b-driver 4040:4040");
            assertThat(j.getSparkUiAddress()).isEqualTo("http://localhost:4040");
            assertThat(j.getSparkHistoryUrl()).isNull();
        });
    }

    @Test
    void aStepsRowIsReplacedWhenItsJobEnds() throws Exception {
        Run<?, ?> run = mock(Run.class);
        SparkJobsAction action = new SparkJobsAction();
        action.onAttached(run);

        action.record(SparkJobSummary.submitted("k1", POD));
        Instant t = Instant.parse("2026-11-21T12:00:00Z");
        action.record(SparkJobSummary.of(
                "k1",
                POD,
                JobResult.builder(Backend.KUBERNETES, JobState.SUCCEEDED)
                        .startedAt(t)
                        .finishedAt(t.plusSeconds(3700))
                        .reason("Completed")
                        .link("Driver log", "https://console.aws.amazon.com/cloudwatch/home")
                        .link("Script", "javascript:alert(1)")
                        .build()));

        assertThat(action.getJobs()).singleElement().satisfies(j -> {
            assertThat(j.getDisplayId()).isEqualTo("spark:pi-1a2b-driver");
            assertThat(j.getState()).isEqualTo("SUCCEEDED");
            assertThat(j.getBackend()).isEqualTo("KUBERNETES");
            assertThat(j.getDuration()).isEqualTo("1 h 1 min");
            assertThat(j.getLinks()).containsOnlyKeys("Driver log");
        });
        verify(run, times(2)).save();
        assertThat(action.getUrlName()).isEqualTo("spark-jobs");
    }

    @Test
    void rowsOfDifferentStepsAreKept() {
        SparkJobsAction action = new SparkJobsAction();
        action.record(SparkJobSummary.submitted("k1", POD));
        action.record(SparkJobSummary.submitted("k2", POD));

        assertThat(action.getJobs()).extracting(SparkJobSummary::getKey).containsExactly("k1", "k2");
    }

    /** What XStream does in {@code Run.save()}: read the field by reflection, then iterate the list it holds. */
    private static List<?> jobsFieldAsXStreamReadsIt(SparkJobsAction action) throws ReflectiveOperationException {
        Field f = SparkJobsAction.class.getDeclaredField("jobs");
        f.setAccessible(true);
        return (List<?>) f.get(action);
    }

    @Test
    void theBuildCanBeSavedWhileJobsAreRecordedOnOtherThreads() throws Exception {
        SparkJobsAction action = new SparkJobsAction();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch recording = new CountDownLatch(1);
        CompletableFuture<Void> recorder = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20_000; i++) {
                action.record(SparkJobSummary.submitted("k" + (i % 50), POD));
                recording.countDown();
            }
            done.set(true);
        });
        recording.await(10, TimeUnit.SECONDS);

        int saves = 0;
        while (!done.get()) {
            List<String> keys = new ArrayList<>();
            for (Object o : jobsFieldAsXStreamReadsIt(action)) { // a ConcurrentModificationException fails the test
                keys.add(((SparkJobSummary) o).getKey());
            }
            assertThat(keys).doesNotHaveDuplicates();
            saves++;
        }
        recorder.get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        assertThat(saves).isPositive();
        assertThat(action.getJobs()).hasSize(50);
    }

    @Test
    void buildXmlKeepsItsFormat() throws Exception {
        SparkJobsAction action = new SparkJobsAction();
        action.record(SparkJobSummary.submitted("k1", POD));

        // XStream writes <jobs> without a class attribute only for the List default, ArrayList: old and new
        // build.xml files then read back alike
        assertThat(jobsFieldAsXStreamReadsIt(action)).isExactlyInstanceOf(ArrayList.class);
        assertThat(SparkJobsAction.class.getDeclaredField("jobs").getType()).isAssignableFrom(ArrayList.class);
    }
}
