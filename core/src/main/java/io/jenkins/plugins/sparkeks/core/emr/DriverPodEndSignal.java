package io.jenkins.plugins.sparkeks.core.emr;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.sparkeks.core.k8s.watch.SharedInformers;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One run's driver pod on the shared informer of its namespace, turned into a prompt look at EMR when the pod ends
 * (phase Succeeded or Failed) or disappears after it was seen, or is missing while EMR says the driver runs (a watch
 * resumed after the pod was removed). The pod is only a hint: EMR's answer decides the outcome. A pod not yet created
 * (the run is still PENDING or SUBMITTED) says nothing. Callbacks come from shared
 * informer threads and only schedule work.
 */
final class DriverPodEndSignal implements SharedInformers.Listener<Pod> {

    private final Runnable confirm;
    private final Consumer<String> diagnostics;
    private final String fallback;
    private final BooleanSupplier driverExpected;
    private volatile SharedInformers.Subscription subscription;
    private volatile boolean closed;
    private volatile boolean seen;
    private volatile boolean signalled;

    /**
     * @param confirm     asks the run's poller for a prompt look at EMR (gathered with other endings)
     * @param diagnostics where the one line goes when pods cannot be watched
     * @param fallback    what happens then, e.g. "its end is found by polling EMR every 20 s"
     * @param driverExpected whether EMR last said the driver runs, so a missing pod means it is gone
     */
    private DriverPodEndSignal(Runnable confirm, Consumer<String> diagnostics, String fallback, BooleanSupplier driverExpected) {
        this.driverExpected = driverExpected;
        this.confirm = confirm;
        this.diagnostics = diagnostics;
        this.fallback = fallback;
    }

    static DriverPodEndSignal follow(EmrDriverPods pods, EmrClusterAccess access, String namespace, String podName,
            Runnable confirm, Consumer<String> diagnostics, String fallback, BooleanSupplier driverExpected) {
        DriverPodEndSignal signal = new DriverPodEndSignal(confirm, diagnostics, fallback, driverExpected);
        SharedInformers.Subscription s = pods.subscribe(access.client(), access.cluster(), namespace, podName, signal);
        signal.subscription = s;
        if (signal.closed) {
            s.close(); // the informer failed before subscribe returned
        }
        return signal;
    }

    @Override
    public void changed(Pod pod) {
        seen = true;
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            signal();
        } else {
            signalled = false; // a driver running again (EMR's retry policy started another attempt)
        }
    }

    @Override
    public void deleted(Pod lastKnown) {
        signal();
    }

    @Override
    public void absent() {
        if (seen || driverExpected.getAsBoolean()) {
            signal(); // gone without a delete the informer saw: still a reason to look
        }
    }

    @Override
    public void informerFailed(Throwable cause) {
        if (!closed) {
            diagnostics.accept("Driver pods cannot be watched (" + why(cause) + "); " + fallback + ".");
        }
        close();
    }

    private void signal() {
        if (closed || signalled) {
            return;
        }
        signalled = true;
        confirm.run();
    }

    void close() {
        closed = true;
        SharedInformers.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }

    private static String why(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                return k.getCode() == 403 ? "HTTP 403: no permission to list and watch pods in that namespace"
                        : k.getCode() == 401 ? "HTTP 401: the cluster did not accept the credentials" : "HTTP " + k.getCode();
            }
            if (t.getCause() == null || t.getCause() == t) {
                String m = t.getMessage();
                if (m != null && m.indexOf('\n') >= 0) {
                    m = m.substring(0, m.indexOf('\n'));
                }
                return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
            }
        }
        return "unknown failure";
    }
}
