package io.jenkins.plugins.sparkeks.core.insight;

import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Any backend, with Spark insight added to its watches: while the driver runs its Spark UI is read through the
 * API server, progress lines reach the observer, and the verdict also weighs Spark's own job results. The backend
 * itself is left untouched, so every mode (driver pod, operator, EMR on EKS) gets the same behaviour.
 *
 * @param <S> the backend's request type
 */
public final class InsightBackend<S> implements SparkJobBackend<S> {

    private final SparkJobBackend<S> delegate;
    private final InsightOptions options;
    private final InsightWiring wiring;
    private final Function<S, Map<String, String>> confOf;
    private final SparkConfHints known;
    private final Map<String, SparkConfHints> submitted = new ConcurrentHashMap<>();

    private InsightBackend(SparkJobBackend<S> delegate, InsightOptions options, InsightWiring wiring,
            Function<S, Map<String, String>> confOf, SparkConfHints known) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.options = Objects.requireNonNull(options, "options");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.confOf = Objects.requireNonNull(confOf, "confOf");
        this.known = known;
    }

    /**
     * {@code delegate} with insight, or {@code delegate} itself when insight is off (then nothing is ever read).
     *
     * @param confOf the Spark conf of a request (UI enabled? event log where?), learnt when a job is submitted
     */
    public static <S> SparkJobBackend<S> wrap(SparkJobBackend<S> delegate, InsightOptions options, InsightWiring wiring,
            Function<S, Map<String, String>> confOf) {
        if (options == null || !options.enabled()) {
            return delegate;
        }
        return new InsightBackend<>(delegate, options, wiring, confOf, null);
    }

    /**
     * As {@link #wrap}, for jobs whose request is known although this backend did not submit them (a build resumed
     * after a restart still has its step's request): their conf comes from {@code conf}.
     */
    public static <S> SparkJobBackend<S> wrap(SparkJobBackend<S> delegate, InsightOptions options, InsightWiring wiring,
            Function<S, Map<String, String>> confOf, Map<String, String> conf) {
        if (options == null || !options.enabled()) {
            return delegate;
        }
        return new InsightBackend<>(delegate, options, wiring, confOf, SparkConfHints.of(conf));
    }

    @Override
    public Backend backend() {
        return delegate.backend();
    }

    @Override
    public void validate(S spec) {
        delegate.validate(spec);
    }

    @Override
    public JobReference submit(S spec, SubmissionKey key, JobObserver observer) {
        return remember(spec, delegate.submit(spec, key, observer));
    }

    @Override
    public JobReference submit(S spec, SubmissionKey key, JobObserver observer, WaitOptions options) {
        return remember(spec, delegate.submit(spec, key, observer, options));
    }

    private JobReference remember(S spec, JobReference ref) {
        if (ref != null) {
            submitted.put(ref.displayId(), SparkConfHints.of(confOf.apply(spec)));
        }
        return ref;
    }

    @Override
    public JobWatch watch(JobReference reference, WaitOptions waitOptions, JobObserver observer) {
        JobObserver to = observer == null ? JobObserver.NONE : observer;
        JobWatch inner = delegate.watch(reference, waitOptions, to);
        SparkConfHints hints = submitted.remove(reference.displayId());
        if (hints == null) {
            hints = known != null ? known : SparkConfHints.UNKNOWN;
        }
        Optional<DriverTarget> target = DriverTarget.of(reference);
        InsightSession session = null;
        String unavailable = null;
        if (wiring.client() == null || target.isEmpty()) {
            unavailable = reference.backend() == Backend.EMR_ON_EKS && wiring.noClientReason() != null
                    ? "the EKS cluster of this EMR on EKS job run could not be connected (" + wiring.noClientReason()
                            + "), so its driver's UI cannot be reached (the EMR console's Spark UI link shows the application)"
                    : reference.backend() == Backend.EMR_ON_EKS
                    ? "this EMR on EKS job run is followed without access to its EKS cluster, so its driver's UI "
                            + "cannot be reached (the EMR console's Spark UI link shows the application)"
                    : "the driver pod of " + reference.displayId() + " cannot be located";
            to.diagnostic("Spark insight unavailable: " + unavailable + ". The job goes on.");
        } else {
            session = new InsightSession(target.get(), wiring.client(), wiring.machinery().budget(wiring.clusterKey()),
                    wiring.machinery().scheduler(), options, hints, to, wiring.uiGrace());
            session.start();
        }
        return new InsightWatch(inner, reference, target.orElse(null), session, unavailable, hints, options, wiring);
    }

    @Override
    public JobResult describe(JobReference reference) {
        return delegate.describe(reference);
    }

    @Override
    public JobResult cancel(JobReference reference, Duration gracePeriod) {
        return delegate.cancel(reference, gracePeriod);
    }

    @Override
    public String toString() {
        return "InsightBackend[" + delegate.backend() + "]";
    }
}
