package io.jenkins.plugins.sparkeks.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import hudson.model.Run;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SparkJobsActionTest {

    private static final JobReference POD = new DriverPodReference(ClusterCoordinates.eks("us-east-1", "prod"),
            "spark", "pi-1a2b-driver", "uid-1", "spark-1a2b", "1a2b", null);

    @Test
    void aStepsRowIsReplacedWhenItsJobEnds() throws Exception {
        Run<?, ?> run = mock(Run.class);
        SparkJobsAction action = new SparkJobsAction();
        action.onAttached(run);

        action.record(SparkJobSummary.submitted("k1", POD));
        Instant t = Instant.parse("2026-11-21T12:00:00Z");
        action.record(SparkJobSummary.of("k1", POD, JobResult.builder(Backend.KUBERNETES, JobState.SUCCEEDED)
                .startedAt(t).finishedAt(t.plusSeconds(3700)).reason("Completed")
                .link("Driver log", "https://console.aws.amazon.com/cloudwatch/home")
                .link("Script", "javascript:alert(1)").build()));

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
}
