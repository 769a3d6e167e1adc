package io.jenkins.plugins.sparkeks.core.insight;

import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A backend's watch with insight around it: the status line carries Spark's progress, and the verdict arrives with
 * what Spark said about its jobs (read from the event log after the driver ended, where one can be read).
 */
final class InsightWatch implements JobWatch {

    private final JobWatch inner;
    private final JobReference submitted;
    private final DriverTarget target;
    private final InsightSession session;
    private final String unavailable;
    private final SparkConfHints hints;
    private final InsightOptions options;
    private final InsightWiring wiring;
    private final CompletableFuture<JobResult> result;

    InsightWatch(JobWatch inner, JobReference submitted, DriverTarget target, InsightSession session, String unavailable,
            SparkConfHints hints, InsightOptions options, InsightWiring wiring) {
        this.inner = inner;
        this.submitted = submitted;
        this.target = target;
        this.session = session;
        this.unavailable = unavailable;
        this.hints = hints;
        this.options = options;
        this.wiring = wiring;
        this.result = inner.result()
                .whenComplete((r, e) -> stopReading())
                .thenCompose(r -> CompletableFuture.supplyAsync(
                        () -> SparkVerdict.judge(r, conclude(r, true), options.failOnSparkJobFailure()),
                        wiring.machinery().scheduler()));
    }

    @Override
    public JobReference reference() {
        return inner.reference();
    }

    @Override
    public CompletableFuture<JobResult> result() {
        return result;
    }

    @Override
    public String status() {
        SparkSnapshot last = session == null ? null : session.last();
        return last == null ? inner.status() : inner.status() + " · " + last.progressLine();
    }

    @Override
    public CompletableFuture<JobResult> cancel(String why) {
        return inner.cancel(why).whenComplete((r, e) -> stopReading())
                .thenApply(r -> r.toBuilder().spark(conclude(r, false)).build());
    }

    @Override
    public void detach() {
        stopReading();
        inner.detach();
    }

    private void stopReading() {
        if (session != null) {
            session.stop();
        }
    }

    /** What insight knows once the driver ended; reads the event log when {@code readEventLog} and one is set. */
    private SparkInsight conclude(JobResult r, boolean readEventLog) {
        SparkSnapshot live = session == null ? null : session.last();
        String appId = session != null && session.appId() != null ? session.appId() : r.sparkAppId();
        String why = hints.eventLogNote();
        SparkSnapshot fin = null;
        if (readEventLog && hints.eventLogDir() != null) {
            if (appId == null) {
                why = "the application id is not known, so its event log in " + hints.eventLogDir() + " cannot be found";
            } else if (wiring.eventLogs() == null) {
                why = "event logs are not read here";
            } else {
                try {
                    fin = wiring.eventLogs().read(hints.eventLogDir(), appId, Instant.now());
                } catch (EventLogReader.Unreadable e) {
                    why = e.getMessage();
                }
            }
        } else if (!readEventLog) {
            why = "the job was cancelled";
        }
        SparkInsight insight;
        if (fin != null) {
            insight = new SparkInsight(SparkInsight.Coverage.COMPLETE, fin, null, null, null, null);
        } else if (live != null) {
            String gap = r.finishedAt() == null ? "" : " (" + Math.max(0,
                    Duration.between(live.observedAt(), r.finishedAt()).toSeconds()) + "s before the driver ended)";
            insight = new SparkInsight(SparkInsight.Coverage.PARTIAL, live, "Spark was last read at " + live.observedAt()
                    + gap + "; the final seconds were not observed because " + why, null, null, null);
        } else {
            String cause = unavailable != null ? unavailable
                    : session != null && session.unavailableReason() != null ? session.unavailableReason()
                    : "the driver's UI was not reached while it ran";
            insight = new SparkInsight(SparkInsight.Coverage.UNAVAILABLE, null, cause + "; " + why, null, null, null);
        }
        String pod = session != null ? session.podName() : target == null ? null : target.podName();
        int port = session != null ? session.port() : InsightSession.DEFAULT_UI_PORT;
        return insight.withLinks(
                target == null || wiring.client() == null ? null : SparkUiLinks.localAddress(port),
                target == null || wiring.client() == null ? null : SparkUiLinks.portForward(target.namespace(), pod, port),
                SparkUiLinks.history(submitted));
    }
}
