package io.jenkins.plugins.sparkeks.steps;

import hudson.model.Run;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.engine.JobEngine;
import io.jenkins.plugins.sparkeks.engine.JobEngineFactory;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote side kept in memory: one {@link Remote} per test, found again by name after a simulated
 * restart because the factory persisted with the execution only holds that name.
 */
public final class FakeEngines {

    private static final Map<String, Remote> REMOTES = new ConcurrentHashMap<>();

    private FakeEngines() {}

    public static Remote remote(String name) {
        Remote r = new Remote();
        REMOTES.put(name, r);
        return r;
    }

    public record Factory(String name) implements JobEngineFactory {
        @Override
        public JobEngine create(JobDefinition definition, Run<?, ?> run) throws IOException {
            Remote r = REMOTES.get(name);
            r.creates.incrementAndGet();
            if (r.createFailure != null) {
                throw r.createFailure;
            }
            return r;
        }
    }

    public record Ref(String id, LogCursor logCursor) implements JobReference {
        @Override
        public Backend backend() {
            return Backend.KUBERNETES;
        }

        @Override
        public String displayId() {
            return id;
        }

        @Override
        public JobReference withLogCursor(LogCursor cursor) {
            return new Ref(id, cursor);
        }
    }

    public static JobResult result(JobState state) {
        return JobResult.builder(Backend.KUBERNETES, state)
                .namespace("spark")
                .driverPod("app-driver")
                .reason(state == JobState.SUCCEEDED ? "Completed" : "Error")
                .link("Driver pod", "https://console.aws.amazon.com/eks/home")
                .build();
    }

    public static final class Remote implements JobEngine {
        public final AtomicInteger creates = new AtomicInteger();
        public final AtomicInteger submits = new AtomicInteger();
        public final AtomicInteger cancels = new AtomicInteger();
        public final List<SubmissionKey> keys = new CopyOnWriteArrayList<>();
        /** The wait options each submit was told about: a backend bounds its submit retries by their start timeout. */
        public final List<WaitOptions> submitOptions = new CopyOnWriteArrayList<>();

        public final List<Watch> watches = new CopyOnWriteArrayList<>();
        public volatile RuntimeException submitFailure;
        /** Thrown by the factory, as resolving a credential that is gone does. */
        public volatile IOException createFailure;

        @Override
        public void validate() {}

        @Override
        public JobReference submit(SubmissionKey key, JobObserver observer, WaitOptions options) {
            if (submitFailure != null) {
                throw submitFailure;
            }
            submits.incrementAndGet();
            keys.add(key);
            submitOptions.add(options);
            Ref ref = new Ref("spark:app-" + key.hash(8) + "-driver", LogCursor.START);
            observer.submitted(ref);
            return ref;
        }

        /** When set, watch() waits for it: a launch still under way when Jenkins shuts down. */
        public volatile CountDownLatch watchGate;

        public final CountDownLatch watchEntered = new CountDownLatch(1);

        @Override
        public JobWatch watch(JobReference reference, WaitOptions options, JobObserver observer) {
            CountDownLatch gate = watchGate;
            if (gate != null) {
                watchEntered.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Watch w = new Watch(reference, options, observer);
            watches.add(w);
            return w;
        }

        @Override
        public JobResult describe(JobReference reference) {
            return result(JobState.RUNNING);
        }

        @Override
        public JobResult cancel(JobReference reference, Duration gracePeriod) {
            cancels.incrementAndGet();
            return result(JobState.CANCELLED);
        }

        public Watch lastWatch() {
            return watches.get(watches.size() - 1);
        }

        public final class Watch implements JobWatch {
            public final JobReference startedFrom;
            public final WaitOptions options;
            public final JobObserver observer;
            public final CompletableFuture<JobResult> result = new CompletableFuture<>();
            public volatile JobReference current;
            public volatile boolean detached;
            /** A line still in flight when detach() is called: delivered, with its cursor, before detach() returns. */
            public volatile LogCursor deliveredWhileDetaching;

            Watch(JobReference startedFrom, WaitOptions options, JobObserver observer) {
                this.startedFrom = startedFrom;
                this.options = options;
                this.observer = observer;
                this.current = startedFrom;
            }

            @Override
            public JobReference reference() {
                return current;
            }

            @Override
            public CompletableFuture<JobResult> result() {
                return result;
            }

            @Override
            public String status() {
                return "driver pod " + current.displayId() + " Running";
            }

            @Override
            public CompletableFuture<JobResult> cancel(String why) {
                cancels.incrementAndGet();
                result.complete(FakeEngines.result(JobState.CANCELLED));
                return result;
            }

            @Override
            public void detach() {
                if (deliveredWhileDetaching != null) {
                    observer.log(new LogLine("pod", null, "last line before detach"));
                    current = current.withLogCursor(deliveredWhileDetaching);
                }
                detached = true;
                // as the core's watches do (JobWatch#detach)
                result.completeExceptionally(new CancellationException("stopped following " + current.displayId()));
            }
        }
    }
}
