package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.sparkeks.action.SparkJobsAction;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubmissionCounterTest {

    /** A build whose actions live in a list, as {@code Actionable} keeps them (a CopyOnWriteArrayList). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Run<?, ?> run(List<Action> actions) {
        Run r = mock(Run.class);
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn("folder/etl");
        when(r.getParent()).thenReturn(job);
        when(r.getNumber()).thenReturn(7);
        doAnswer(i -> actions.add(i.getArgument(0))).when(r).addAction(any());
        when(r.getAction(any(Class.class)))
                .thenAnswer(i -> actions.stream()
                        .filter(((Class<?>) i.getArgument(0))::isInstance)
                        .findFirst()
                        .orElse(null));
        return r;
    }

    private static int number(SubmissionKey key) {
        return SubmissionCounter.numberOf(key);
    }

    @Test
    void stepsOfABuildAreNumberedInTheOrderTheyStart() {
        Run<?, ?> r = run(new CopyOnWriteArrayList<>());

        assertThat(SubmissionCounter.nextKey(r).value()).isEqualTo("jenkins:folder/etl#7/spark-1");
        assertThat(SubmissionCounter.nextKey(r).value()).isEqualTo("jenkins:folder/etl#7/spark-2");
    }

    @Test
    void parallelStepsNeverShareANumber() throws Exception {
        Run<?, ?> r = run(new CopyOnWriteArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SubmissionKey>> keys = IntStream.range(0, 400)
                    .mapToObj(i -> pool.submit(() -> {
                        go.await();
                        return SubmissionCounter.nextKey(r);
                    }))
                    .toList();
            go.countDown();
            Set<Integer> numbers = ConcurrentHashMap.newKeySet();
            for (Future<SubmissionKey> k : keys) {
                numbers.add(number(k.get(10, TimeUnit.SECONDS)));
            }
            assertThat(numbers).hasSize(400).allMatch(n -> n >= 1 && n <= 400);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code Run.save()} is synchronized on the build and writes build.xml: numbering must not wait for it. */
    @Test
    void numberingAndTheJobSummaryDoNotWaitForABuildBeingSaved() throws Exception {
        Run<?, ?> r = run(new CopyOnWriteArrayList<>());
        CountDownLatch saving = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread save = new Thread(() -> {
            synchronized (r) {
                saving.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        save.start();
        try {
            assertThat(saving.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<SubmissionKey> key = CompletableFuture.supplyAsync(() -> SubmissionCounter.nextKey(r));
            CompletableFuture<SparkJobsAction> action = CompletableFuture.supplyAsync(() -> SparkJobsAction.of(r));

            assertThat(key.get(5, TimeUnit.SECONDS).value()).endsWith("/spark-1");
            assertThat(action.get(5, TimeUnit.SECONDS)).isNotNull();
        } finally {
            release.countDown();
            save.join();
        }
    }

    @Test
    void afterARestartNewStepsNumberPastEveryResumedStep() {
        List<Action> actions = new CopyOnWriteArrayList<>();
        Run<?, ?> before = run(actions);
        SubmissionCounter.nextKey(before);
        // build.xml was last saved here; steps 2 and 3 started and were saved only in program.dat
        Run<?, ?> after = run(actions); // the loaded build: same action, count 1
        SubmissionKey second = new SubmissionKey("jenkins:folder/etl#7/spark-2");
        SubmissionKey third = new SubmissionKey("jenkins:folder/etl#7/spark-3");

        SubmissionCounter.resumed(after, third);
        SubmissionCounter.resumed(after, second);

        assertThat(SubmissionCounter.nextKey(after).value()).isEqualTo("jenkins:folder/etl#7/spark-4");
    }

    @Test
    void aResumedStepOnABuildWithoutTheActionStartsTheCountThere() {
        Run<?, ?> r = run(new CopyOnWriteArrayList<>());

        SubmissionCounter.resumed(r, new SubmissionKey("jenkins:folder/etl#7/spark-5"));

        assertThat(number(SubmissionCounter.nextKey(r))).isEqualTo(6);
    }

    @Test
    void keysOfAnotherShapeCountAsNoNumber() {
        assertThat(number(new SubmissionKey("jenkins:folder/etl#7/spark-12"))).isEqualTo(12);
        assertThat(number(new SubmissionKey("cli:nightly"))).isZero();
        assertThat(number(new SubmissionKey("jenkins:x#1/spark-one"))).isZero();
    }
}
