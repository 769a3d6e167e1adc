package io.jenkins.plugins.sparkeks.core.k8s.watch;

/** One job's interest in one driver pod on a shared namespace informer. */
public interface DriverPodSubscription extends AutoCloseable {

    /**
     * Whether this job currently wants the pod's Kubernetes events (while its driver is pending). The
     * namespace's event informer runs only while at least one subscription wants events.
     */
    void wantEvents(boolean want);

    /** Ends the subscription; the last one on a namespace stops its informers. Idempotent. */
    @Override
    void close();
}
