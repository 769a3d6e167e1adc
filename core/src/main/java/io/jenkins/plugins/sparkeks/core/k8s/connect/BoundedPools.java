package io.jenkins.plugins.sparkeks.core.k8s.connect;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread pools behind one cluster connection. fabric8 and the JDK HTTP client default to unbounded cached
 * pools, which start a thread per concurrent callback (a thousand jobs ending together started a hundred) and keep
 * each for a minute; these queue work for a few threads instead and let every thread go a few seconds after the
 * last task, so an idle controller holds none.
 */
final class BoundedPools {

    static final long KEEP_ALIVE_SECONDS = 5;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private BoundedPools() {}

    /**
     * A pool that, like a cached pool, hands a task to an idle thread before it starts another, starts at most
     * {@code maxThreads}, and queues what they cannot take yet.
     */
    static ThreadPoolExecutor create(String purpose, int maxThreads) {
        return create(purpose, maxThreads, TimeUnit.SECONDS.toMillis(KEEP_ALIVE_SECONDS));
    }

    static ThreadPoolExecutor create(String purpose, int maxThreads, long keepAliveMillis) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        HandOff queue = new HandOff();
        return new ThreadPoolExecutor(0, maxThreads, keepAliveMillis, TimeUnit.MILLISECONDS, queue, r -> {
            Thread t = new Thread(r, "spark-on-eks-" + purpose + "-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (task, executor) -> {
            if (executor.isShutdown()) {
                throw new RejectedExecutionException("pool " + purpose + " is shut down");
            }
            queue.enqueue(task);
        });
    }

    /**
     * Offers succeed only into the hands of an idle thread, so the executor starts a new thread (up to its
     * maximum) rather than queueing behind busy ones; at the maximum, the rejection handler queues for real.
     */
    private static final class HandOff extends LinkedTransferQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        void enqueue(Runnable task) {
            super.put(task);
        }
    }
}
