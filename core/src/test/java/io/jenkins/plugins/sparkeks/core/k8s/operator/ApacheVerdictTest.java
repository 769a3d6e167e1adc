package io.jenkins.plugins.sparkeks.core.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Apache operator's state summaries, each family with the restart policies that change its meaning. */
class ApacheVerdictTest {

    static ApacheStatus status(String state, String policy, String... history) {
        return new ApacheStatus(state, "msg", List.of(history), policy, 0, null);
    }

    @ParameterizedTest(name = "{0} with restartPolicy {1} -> {2} {3}")
    @CsvSource({
        "'',                                 Never,                   SUBMITTED,",
        "Submitted,                          Never,                   SUBMITTED,",
        "ScheduledToRestart,                 Never,                   PENDING,",
        "DriverRequested,                    Never,                   PENDING,",
        "DriverStarted,                      Never,                   RUNNING,",
        "DriverReady,                        Never,                   RUNNING,",
        "InitializedBelowThresholdExecutors, Never,                   RUNNING,",
        "RunningHealthy,                     Never,                   RUNNING,",
        "RunningWithPartialCapacity,         Never,                   RUNNING,",
        "RunningWithBelowThresholdExecutors, Never,                   RUNNING,",
        "Succeeded,                          Never,                   SUCCEEDED, Completed",
        "Succeeded,                          OnFailure,               SUCCEEDED, Completed",
        "Succeeded,                          Always,                  RUNNING,",
        "Failed,                             Never,                   FAILED,    ApplicationFailed",
        "Failed,                             OnFailure,               RUNNING,",
        "Failed,                             OnInfrastructureFailure, FAILED,    ApplicationFailed",
        "DriverStartTimedOut,                Never,                   FAILED,    DriverStartTimedOut",
        "DriverStartTimedOut,                OnInfrastructureFailure, RUNNING,",
        "ExecutorsStartTimedOut,             Never,                   FAILED,    ExecutorsStartTimedOut",
        "DriverReadyTimedOut,                OnInfrastructureFailure, FAILED,    DriverReadyTimedOut",
        "SchedulingFailure,                  Never,                   FAILED,    SchedulingFailure",
        "DriverEvicted,                      Never,                   FAILED,    DriverEvicted",
        "DriverEvicted,                      SomethingNew,            RUNNING,",
        "NewStateOfAFutureRelease,           Never,                   PENDING,",
    })
    void eachStateFamily(String state, String policy, JobState expected, String reason) {
        ApplicationVerdict v = ApacheVerdict.judge(status(state, policy));
        assertThat(v.state()).isEqualTo(expected);
        assertThat(v.reason()).isEqualTo(reason);
        assertThat(v.nativeState()).isEqualTo(state);
    }

    @ParameterizedTest(name = "{0} after {1} -> {2} {3}")
    @CsvSource({
        "ResourceReleased,                  Succeeded,           SUCCEEDED, Completed",
        "ResourceReleased,                  DriverStartTimedOut, FAILED,    DriverStartTimedOut",
        "TerminatedWithoutReleaseResources, Failed,              FAILED,    ApplicationFailed",
        "ResourceReleased,                  RunningHealthy,      UNKNOWN,   OutcomeNotRecorded",
    })
    void aTerminatedApplicationTakesItsOutcomeFromTheLastStoppingState(String state, String before, JobState expected, String reason) {
        ApplicationVerdict v = ApacheVerdict.judge(status(state, "Always", "Submitted", "DriverRequested", before, state));
        assertThat(v.state()).isEqualTo(expected);
        assertThat(v.reason()).isEqualTo(reason);
        assertThat(v.nativeState()).isEqualTo(state);
    }
}
