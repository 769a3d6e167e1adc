package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.logs.LogSink;
import io.jenkins.plugins.sparkeks.core.logs.s3.S3DriverLogReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * After the end, the driver's streams from their S3 objects, one after the other: throttling (SlowDown), 5xx and
 * dropped connections are retried with backoff until the drain limit, and an object not there yet is looked for
 * again until the missing-stream grace, as CloudWatch streams are. Retries are scheduled, not slept, so a storm
 * holds no shared thread. A retry starts after the lines already delivered, so a read cut part way repeats nothing.
 */
final class S3LogDrain {

    /** Where each stream stands; {@link #delivered} counts lines as they are delivered, also within one read. */
    interface Progress {
        long delivered(String stream);

        void readTo(String stream, long total);

        boolean stopped();
    }

    private final S3DriverLogReader reader;
    private final S3DriverLogReader.Location dir;
    private final List<String> streams;
    private final EmrPollSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Progress progress;
    private final LogSink sink;
    private final Consumer<String> diagnostics;
    private final Consumer<String> shortfalls;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long startNanos;
    private boolean retryReported;

    S3LogDrain(S3DriverLogReader reader, S3DriverLogReader.Location dir, List<String> streams, EmrPollSettings settings,
            ScheduledExecutorService scheduler, Progress progress, LogSink sink, Consumer<String> diagnostics,
            Consumer<String> shortfalls) {
        this.reader = reader;
        this.dir = dir;
        this.streams = List.copyOf(streams);
        this.settings = settings;
        this.scheduler = scheduler;
        this.progress = progress;
        this.sink = sink;
        this.diagnostics = diagnostics;
        this.shortfalls = shortfalls;
    }

    /**
     * Starts reading on the calling thread; each stream that cannot be read whole goes to {@code shortfalls} as a
     * sentence saying why. Completes, never exceptionally, once every stream was read or given up.
     */
    CompletableFuture<Void> run() {
        startNanos = System.nanoTime();
        step(0, 0);
        return done;
    }

    // steps run one at a time (each schedules the next), so the fields need no lock
    private void step(int index, int failures) {
        if (progress.stopped() || index == streams.size()) {
            done.complete(null);
            return;
        }
        String stream = streams.get(index);
        long elapsed = System.nanoTime() - startNanos;
        try {
            OptionalLong total = reader.read(dir, stream, progress.delivered(stream), sink);
            if (total.isPresent()) {
                progress.readTo(stream, total.getAsLong());
                step(index + 1, 0);
            } else if (elapsed >= settings.logMissingGrace().toNanos()) {
                shortfall("The driver log shown may be incomplete: the driver's " + stream + " object did not appear in"
                        + " S3 within " + EmrJobWatch.human(settings.logMissingGrace()) + " after the job ended.");
                step(index + 1, 0);
            } else {
                later(index, failures, settings.logInterval().toMillis());
            }
        } catch (SdkException | UncheckedIOException e) {
            String why = AwsErrors.describe(e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e);
            long remaining = settings.logDrainTimeout().toNanos() - elapsed;
            if (!retriable(e)) {
                shortfall("The driver log shown is incomplete: could not read the driver " + stream + " from S3: " + why
                        + ".");
                step(index + 1, 0);
            } else if (remaining <= 0) {
                shortfall("The driver log shown is incomplete: the driver " + stream + " could not be read from S3"
                        + " within " + EmrJobWatch.human(settings.logDrainTimeout()) + " after the job ended ("
                        + (failures + 1) + " tries, last: " + why + ").");
                step(index + 1, 0);
            } else {
                if (!retryReported) {
                    retryReported = true;
                    diagnostics.accept("Reading the driver log from S3: " + why + "; trying again with backoff for up to "
                            + EmrJobWatch.human(settings.logDrainTimeout()) + ".");
                }
                later(index, failures + 1, Math.min(settings.backoff().failureDelayMillis(failures + 1),
                        Math.max(1, remaining / 1_000_000)));
            }
        }
    }

    private void later(int index, int failures, long delayMillis) {
        try {
            scheduler.schedule(() -> step(index, failures), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            done.complete(null); // shutting down: nothing is waiting for the rest
        }
    }

    /** Throttling, 5xx and lost connections pass; a corrupt object or a refusal does not. */
    private static boolean retriable(Exception e) {
        if (e instanceof UncheckedIOException u) {
            return !(u.getCause() instanceof ZipException);
        }
        return AwsErrors.isTransient(e);
    }

    private void shortfall(String sentence) {
        shortfalls.accept(sentence);
    }
}
