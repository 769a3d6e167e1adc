package io.jenkins.plugins.sparkeks.steps;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plugin's own threads. Blocking calls (credential lookup, submit, cancel) run on a small bounded
 * pool, never on the CPS thread nor on Jenkins' shared Timer; waiting itself costs no thread, it is done by
 * the core's shared informers and pollers. One scheduler thread saves log cursors of all running steps.
 */
final class SparkOnEksThreads {

    private static final int WORKERS = 4;

    static final ExecutorService WORK = workers();
    static final ScheduledExecutorService SCHEDULER = scheduler();

    private SparkOnEksThreads() {}

    private static ExecutorService workers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                WORKERS, WORKERS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("spark-on-eks-worker"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ScheduledExecutorService scheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, daemon("spark-on-eks-scheduler"));
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        ClassLoader loader = SparkOnEksThreads.class.getClassLoader();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        };
    }
}
