package io.jenkins.plugins.sparkeks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.secrets.ValueMask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What a guarded engine hands back never carries a secret value; without secrets it changes nothing. */
class GuardedJobEngineTest {

    private static final String SECRET = "hunter2-Secret";
    private static final JobReference REF = mock(JobReference.class);

    /** An engine whose every answer quotes the secret, as a driver or a server error might. */
    private static final class Leaky implements JobEngine {
        RuntimeException failure;
        final CompletableFuture<JobResult> result = new CompletableFuture<>();

        @Override
        public void validate() {
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public JobReference submit(SubmissionKey key, JobObserver observer, WaitOptions options) {
            observer.diagnostic("connecting with " + SECRET);
            observer.stateChanged(JobState.RUNNING, "password " + SECRET);
            observer.log(new LogLine("driver", null, "echo " + SECRET));
            return REF;
        }

        @Override
        public JobWatch watch(JobReference reference, WaitOptions options, JobObserver observer) {
            return new JobWatch() {
                @Override
                public JobReference reference() {
                    return reference;
                }

                @Override
                public CompletableFuture<JobResult> result() {
                    return result;
                }

                @Override
                public String status() {
                    return "waiting with " + SECRET;
                }

                @Override
                public CompletableFuture<JobResult> cancel(String why) {
                    return CompletableFuture.completedFuture(leakyResult());
                }

                @Override
                public void detach() {
                    result.cancel(false);
                }
            };
        }

        @Override
        public JobResult describe(JobReference reference) {
            return leakyResult();
        }

        @Override
        public JobResult cancel(JobReference reference, Duration gracePeriod) {
            return leakyResult();
        }
    }

    private static JobResult leakyResult() {
        return JobResult.builder(Backend.KUBERNETES, JobState.FAILED)
                .reason("Bad " + SECRET)
                .message("driver said " + SECRET)
                .explanation(List.of("line " + SECRET))
                .build();
    }

    private final Leaky leaky = new Leaky();
    private final GuardedJobEngine guarded = new GuardedJobEngine(
            leaky, ValueMask.of(List.of(SECRET)), List.of("Warning: conf[x.password] looks sensitive"));

    @Test
    void observerLinesResultsAndStatusAreMasked() throws Exception {
        List<String> seen = new ArrayList<>();
        guarded.submit(
                new SubmissionKey("k"),
                new JobObserver() {
                    @Override
                    public void diagnostic(String line) {
                        seen.add(line);
                    }

                    @Override
                    public void stateChanged(JobState state, String detail) {
                        seen.add(detail);
                    }

                    @Override
                    public void log(LogLine line) {
                        seen.add(line.text());
                    }
                },
                WaitOptions.DEFAULT);
        JobWatch w = guarded.watch(REF, WaitOptions.DEFAULT, JobObserver.NONE);
        leaky.result.complete(leakyResult());

        assertThat(seen)
                .containsExactly(
                        "Warning: conf[x.password] looks sensitive",
                        "connecting with ****",
                        "password ****",
                        "echo ****");
        for (JobResult r : List.of(
                w.result().get(), w.cancel("stop").get(), guarded.describe(REF), guarded.cancel(REF, Duration.ZERO))) {
            assertThat(r.toMap().toString()).doesNotContain(SECRET).contains("driver said ****");
        }
        assertThat(w.status()).isEqualTo("waiting with ****");
    }

    @Test
    void exceptionsAreMaskedAndLoseTheCauseThatQuotesTheSecret() {
        leaky.failure = new IllegalStateException("wrapper", new RuntimeException("server echoed " + SECRET));
        assertThatThrownBy(guarded::validate)
                .isInstanceOf(JobException.class)
                .hasNoCause()
                .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET));

        leaky.failure =
                new InvalidJobSpecException(List.of(new FieldError("conf[a]", "'" + SECRET + "' is bad.", "Fix.")));
        assertThatThrownBy(guarded::validate)
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("Invalid input: conf[a]: '****' is bad. Fix.");

        JobException harmless = new JobException("forbidden");
        leaky.failure = harmless;
        assertThatThrownBy(guarded::validate).isSameAs(harmless);
    }

    @Test
    void aDetachedWatchStillEndsInACancellationException() {
        JobWatch w = guarded.watch(REF, WaitOptions.DEFAULT, JobObserver.NONE);
        w.detach();

        assertThatThrownBy(() -> w.result().get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void aFailedResultIsMaskedToo() {
        JobWatch w = guarded.watch(REF, WaitOptions.DEFAULT, JobObserver.NONE);
        leaky.result.completeExceptionally(new JobException("lost " + SECRET));

        assertThatThrownBy(() -> w.result().get())
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("lost ****");
    }

    @Test
    void withoutSecretsEverythingPassesThroughUnchanged() {
        GuardedJobEngine plain = new GuardedJobEngine(leaky, ValueMask.NONE, List.of());
        JobWatch w = leaky.watch(REF, WaitOptions.DEFAULT, JobObserver.NONE);

        assertThat(plain.describe(REF).message()).isEqualTo("driver said " + SECRET);
        RuntimeException original = new IllegalStateException(SECRET);
        leaky.failure = original;
        assertThatThrownBy(plain::validate).isSameAs(original);
        assertThat(plain.watch(REF, WaitOptions.DEFAULT, JobObserver.NONE).result())
                .isSameAs(leaky.result);
        assertThat(w).isNotNull();
    }
}
