package io.jenkins.plugins.sparkeks.core.k8s.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DriverVerdictTest {

    static final String STARTED = "2026-11-21T10:00:00Z";
    static final String FINISHED = "2026-11-21T10:05:00Z";

    static Pod pod(PodStatus status) {
        return new PodBuilder().withNewMetadata().withName("app-driver").withNamespace("ns")
                .withCreationTimestamp("2026-11-21T09:59:00Z").endMetadata().withStatus(status).build();
    }

    static ContainerStatus driverTerminated(int exitCode, String reason) {
        return new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER).withNewState().withNewTerminated()
                .withExitCode(exitCode).withReason(reason).withStartedAt(STARTED).withFinishedAt(FINISHED)
                .endTerminated().endState().build();
    }

    static ContainerStatus driverWaiting(String reason, String message) {
        return new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER).withNewState().withNewWaiting()
                .withReason(reason).withMessage(message).endWaiting().endState().build();
    }

    static ContainerStatus sidecarRunning() {
        return new ContainerStatusBuilder().withName("log-shipper").withNewState().withNewRunning().withStartedAt(STARTED)
                .endRunning().endState().build();
    }

    static PodVerdict judge(String phase, ContainerStatus... containers) {
        return DriverVerdict.judge(pod(new PodStatusBuilder().withPhase(phase).addToContainerStatuses(containers).build()));
    }

    @Test
    void phaseUnknownWithAStaleRunningContainerIsStalledNeverRunning() {
        PodVerdict v = DriverVerdict.judge(pod(new PodStatusBuilder().withPhase("Unknown")
                .addToContainerStatuses(new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER).withReady(true)
                        .withNewState().withNewRunning().withStartedAt(STARTED).endRunning().endState().build())
                .build()));
        assertThat(v.state()).isEqualTo(JobState.STALLED);
        assertThat(v.terminal()).isFalse();
        assertThat(v.message()).contains("phase is Unknown");
    }

    @Test
    void aPodMarkedNodeLostIsStalledWithThatReason() {
        PodVerdict v = DriverVerdict.judge(pod(new PodStatusBuilder().withPhase("Running").withReason("NodeLost")
                .withMessage("Node ip-1 which was running pod d is unresponsive").build()));
        assertThat(v.state()).isEqualTo(JobState.STALLED);
        assertThat(v.reason()).isEqualTo("NodeLost");
        assertThat(v.message()).contains("Node ip-1 which was running pod d is unresponsive");
    }

    @Test
    void anInitContainerRestartingAfterAFailureBlocksThePendingDriverByName() {
        Pod pod = pod(new PodStatusBuilder().withPhase("Pending")
                .addToInitContainerStatuses(new ContainerStatusBuilder().withName("setup").withRestartCount(3)
                        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                        .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated().endLastState()
                        .build())
                .build());
        assertThat(DriverVerdict.blockingReason(pod)).isEqualTo("InitContainerFailed: init container 'setup' failed with exit code 1 (Error)");
        assertThat(DriverVerdict.startTimedOut(pod, Duration.ofMinutes(5)).message())
                .contains("blocked by InitContainerFailed: init container 'setup' failed with exit code 1 (Error)");
    }

    @Test
    void aPodEndedWithoutAnyCauseSaysItCannotTellEvictionFromGarbageCollection() {
        PodVerdict v = DriverVerdict.judge(pod(new PodStatusBuilder().withPhase("Failed").build()));
        assertThat(v.state()).isEqualTo(JobState.FAILED);
        assertThat(v.message()).startsWith("The driver pod ended before its driver started (Error)")
                .contains("neither an eviction nor garbage collection can be told");
    }

    @Test
    void succeededWithExitZeroIsSuccessWithTimes() {
        PodVerdict v = judge("Succeeded", driverTerminated(0, "Completed"));
        assertThat(v.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(v.success()).isTrue();
        assertThat(v.exitCode()).isZero();
        assertThat(v.reason()).isEqualTo("Completed");
        assertThat(v.phase()).isEqualTo("Succeeded");
        assertThat(v.startedAt()).isEqualTo(Instant.parse(STARTED));
        assertThat(v.finishedAt()).isEqualTo(Instant.parse(FINISHED));
    }

    @ParameterizedTest
    @CsvSource({"1,Error", "2,Error", "137,OOMKilled", "143,Error"})
    void phaseSucceededWithANonZeroDriverExitIsAFailure(int exitCode, String reason) {
        PodVerdict v = judge("Succeeded", driverTerminated(exitCode, reason));
        assertThat(v.state()).isEqualTo(JobState.FAILED);
        assertThat(v.exitCode()).isEqualTo(exitCode);
        assertThat(v.reason()).isEqualTo(reason);
        assertThat(v.message()).contains("exit code " + exitCode).contains("although the pod phase is Succeeded");
    }

    @Test
    void phaseFailedIsNeverSuccessEvenWithExitZero() {
        PodVerdict v = judge("Failed", driverTerminated(0, "Completed"));
        assertThat(v.state()).isEqualTo(JobState.FAILED);
        assertThat(v.success()).isFalse();
    }

    @Test
    void oomKilledKeepsTheContainerReasonAndExitCode() {
        PodVerdict v = judge("Failed", driverTerminated(137, "OOMKilled"));
        assertThat(v.reason()).isEqualTo("OOMKilled");
        assertThat(v.exitCode()).isEqualTo(137);
        assertThat(v.message()).isEqualTo("The driver failed with exit code 137 (OOMKilled)");
    }

    @ParameterizedTest
    @CsvSource({
        "Evicted,'The node was low on resource: memory.'",
        "DeadlineExceeded,'Pod was active on the node longer than the specified deadline'"
    })
    void podLevelReasonsWinOverTheContainerReason(String reason, String message) {
        PodVerdict v = DriverVerdict.judge(pod(new PodStatusBuilder().withPhase("Failed").withReason(reason)
                .withMessage(message).addToContainerStatuses(driverTerminated(137, "Error")).build()));
        assertThat(v.state()).isEqualTo(JobState.FAILED);
        assertThat(v.reason()).isEqualTo(reason);
        assertThat(v.message()).endsWith(": " + message);
    }

    @Test
    void evictedWithoutContainerStatusesIsStillAFailure() {
        PodVerdict v = DriverVerdict.judge(pod(new PodStatusBuilder().withPhase("Failed").withReason("Evicted").build()));
        assertThat(v.state()).isEqualTo(JobState.FAILED);
        assertThat(v.exitCode()).isNull();
        assertThat(v.reason()).isEqualTo("Evicted");
    }

    @Test
    void theDriverContainerDecidesWhileASidecarKeepsThePodRunning() {
        assertThat(judge("Running", sidecarRunning(), driverTerminated(0, "Completed")).state()).isEqualTo(JobState.SUCCEEDED);
        PodVerdict failed = judge("Running", sidecarRunning(), driverTerminated(1, "Error"));
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.exitCode()).isEqualTo(1);
    }

    @Test
    void aSidecarExitDoesNotEndTheJob() {
        ContainerStatus sidecarDone = new ContainerStatusBuilder().withName("log-shipper").withNewState().withNewTerminated()
                .withExitCode(1).withReason("Error").endTerminated().endState().build();
        ContainerStatus driverRunning = new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER).withNewState()
                .withNewRunning().withStartedAt(STARTED).endRunning().endState().build();
        assertThat(judge("Running", sidecarDone, driverRunning).state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void aSingleContainerWithAnotherNameIsTakenAsTheDriver() {
        ContainerStatus renamed = new ContainerStatusBuilder(driverTerminated(3, "Error")).withName("driver").build();
        assertThat(judge("Failed", renamed).exitCode()).isEqualTo(3);
    }

    @Test
    void phaseSucceededWithoutContainerDetailIsSuccess() {
        PodVerdict v = DriverVerdict.judge(pod(new PodStatusBuilder().withPhase("Succeeded").build()));
        assertThat(v.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(v.exitCode()).isZero();
    }

    @Test
    void aPodWithoutStatusIsSubmittedAndRunningIsRunning() {
        assertThat(DriverVerdict.judge(pod(null)).state()).isEqualTo(JobState.SUBMITTED);
        PodVerdict running = judge("Running", new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER)
                .withNewState().withNewRunning().withStartedAt(STARTED).endRunning().endState().build());
        assertThat(running.state()).isEqualTo(JobState.RUNNING);
        assertThat(running.startedAt()).isEqualTo(Instant.parse(STARTED));
        assertThat(running.terminal()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CreateContainerConfigError"})
    void blockingWaitReasonsAreNamedWhilePending(String reason) {
        PodVerdict v = judge("Pending", driverWaiting(reason, "details for " + reason));
        assertThat(v.state()).isEqualTo(JobState.PENDING);
        assertThat(v.reason()).isEqualTo(reason);
        assertThat(v.blockingReason()).isEqualTo(reason + ": details for " + reason);
        assertThat(v.message()).isEqualTo("The driver pod is pending: " + reason + ": details for " + reason);
    }

    @Test
    void ordinaryWaitingIsNotBlocking() {
        PodVerdict v = judge("Pending", driverWaiting("ContainerCreating", null));
        assertThat(v.state()).isEqualTo(JobState.PENDING);
        assertThat(v.blockingReason()).isNull();
        assertThat(v.reason()).isNull();
    }

    @Test
    void anUnschedulablePodIsBlockedByItsSchedulingCondition() {
        Pod pod = pod(new PodStatusBuilder().withPhase("Pending").addNewCondition().withType("PodScheduled")
                .withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient memory.").endCondition().build());
        assertThat(DriverVerdict.blockingReason(pod)).isEqualTo("Unschedulable: 0/3 nodes are available: 3 Insufficient memory.");
        PodVerdict timedOut = DriverVerdict.startTimedOut(pod, Duration.ofMinutes(5));
        assertThat(timedOut.state()).isEqualTo(JobState.TIMED_OUT);
        assertThat(timedOut.reason()).isEqualTo("StartTimeout");
        assertThat(timedOut.message()).contains("within 5m").contains("blocked by Unschedulable: 0/3 nodes");
    }

    @Test
    void runTimeoutAndCancelKeepWhatWasKnown() {
        Pod running = pod(new PodStatusBuilder().withPhase("Running").addToContainerStatuses(new ContainerStatusBuilder()
                .withName(SparkLabels.DRIVER_CONTAINER).withNewState().withNewRunning().withStartedAt(STARTED).endRunning()
                .endState().build()).build());
        PodVerdict timedOut = DriverVerdict.runTimedOut(running, Duration.ofHours(2));
        assertThat(timedOut.state()).isEqualTo(JobState.TIMED_OUT);
        assertThat(timedOut.reason()).isEqualTo("RunTimeout");
        assertThat(timedOut.startedAt()).isEqualTo(Instant.parse(STARTED));
        PodVerdict cancelled = DriverVerdict.cancelled(running, "build aborted");
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.message()).startsWith("Cancelled: build aborted");
        assertThat(DriverVerdict.cancelled(null, null).message()).isEqualTo("Cancelled. The driver pod was deleted.");
    }

    @Test
    void aPodDeletedByOthersFailsWithDriverPodDeleted() {
        PodVerdict v = DriverVerdict.deleted(pod(new PodStatusBuilder().withPhase("Running").build()));
        assertThat(v.state()).isEqualTo(JobState.FAILED);
        assertThat(v.reason()).isEqualTo("DriverPodDeleted");
        assertThat(v.message()).contains("(it was Running)");
        assertThat(DriverVerdict.deleted(null).reason()).isEqualTo("DriverPodDeleted");
    }

    @Test
    void aDriverKilledBySomeoneDeletingThePodIsReportedAsDeleted() {
        Pod terminating = new PodBuilder(pod(new PodStatusBuilder().withPhase("Failed")
                .addToContainerStatuses(driverTerminated(143, "Error")).build()))
                .editMetadata().withDeletionTimestamp("2026-11-21T10:04:59Z").endMetadata().build();
        PodVerdict v = DriverVerdict.judge(terminating);
        assertThat(v.state()).isEqualTo(JobState.FAILED);
        assertThat(v.reason()).isEqualTo("DriverPodDeleted");
        assertThat(v.exitCode()).isEqualTo(143);
    }
}
