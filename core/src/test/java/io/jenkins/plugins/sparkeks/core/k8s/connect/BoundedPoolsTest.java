package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedPoolsTest {

    @Test
    void aBurstRunsOnAtMostTheMaximumAndEveryTaskStillRuns() throws Exception {
        ThreadPoolExecutor pool = BoundedPools.create("test", 4, 200);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            pool.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ran.incrementAndGet();
            });
        }
        assertThat(pool.getPoolSize()).isEqualTo(4);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == 100);
        assertThat(pool.getLargestPoolSize()).isEqualTo(4);
        pool.shutdownNow();
    }

    @Test
    void anIdleThreadTakesTheNextTaskAndNoneIsLeftAfterTheKeepAlive() throws Exception {
        ThreadPoolExecutor pool = BoundedPools.create("test", 4, 300);
        for (int i = 0; i < 20; i++) {
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(done::countDown);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            // let the worker get back to waiting for work before the next task arrives
            await().atMost(Duration.ofSeconds(5)).until(() -> pool.getActiveCount() == 0);
            Thread.sleep(5);
        }
        assertThat(pool.getLargestPoolSize()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.getPoolSize() == 0);
        pool.shutdownNow();
    }

    @Test
    void aConnectionWaitsOnAtMostEightThreadsHoweverManyTasksQueue() throws Exception {
        ThreadPoolExecutor tasks = (ThreadPoolExecutor) BoundedHttpClientFactory.taskExecutors().get();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            for (int i = 0; i < 50; i++) {
                tasks.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(tasks.getPoolSize()).isEqualTo(BoundedHttpClientFactory.TASK_THREADS);
        } finally {
            release.countDown();
            tasks.shutdownNow();
        }
        // HTTP callbacks, fabric8 tasks and fabric8's own scheduler thread: the budget of 8 waiting threads
        assertThat(BoundedHttpClientFactory.MAX_THREADS + BoundedHttpClientFactory.TASK_THREADS + 1)
                .isEqualTo(BoundedHttpClientFactory.WAITING_THREADS).isLessThanOrEqualTo(8);
    }
}
