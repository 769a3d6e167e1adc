package io.jenkins.plugins.sparkeks.core.k8s.logs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.utils.URLUtils;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.connect.LogStreamClients;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.logs.LogSink;
import java.io.ByteArrayOutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the driver container's log from its first line (or from a saved position) and delivers every
 * line exactly once, across dropped connections and process restarts. Each stream is requested with
 * timestamps; after a disconnect the follower asks again from the last delivered timestamp and skips what
 * it already delivered. No thread is held while following: bytes arrive on the HTTP client's threads and
 * reconnects are scheduled on the shared scheduler.
 */
public final class DriverLogFollower {

    private static final Logger LOG = LoggerFactory.getLogger(DriverLogFollower.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String podName;
    private final LogSink sink;
    private final Consumer<String> diagnostics;
    private final ScheduledExecutorService scheduler;
    private final LogFollowPolicy policy;

    private final Object lock = new Object();
    private final LinePositionFilter filter;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private int generation;
    private AsyncBody current;
    private boolean started;
    private boolean stopped;
    private boolean terminated;
    private int failures;
    private int attemptsSinceTermination;

    public DriverLogFollower(
            KubernetesClient client,
            String namespace,
            String podName,
            PodLogPosition start,
            LogSink sink,
            Consumer<String> diagnostics,
            ScheduledExecutorService scheduler,
            LogFollowPolicy policy) {
        this.client = client;
        this.namespace = namespace;
        this.podName = podName;
        this.filter = new LinePositionFilter(start);
        this.sink = sink;
        this.diagnostics = diagnostics;
        this.scheduler = scheduler;
        this.policy = policy;
    }

    /** Opens the first stream; later calls do nothing. */
    public void start() {
        synchronized (lock) {
            if (started || stopped) {
                return;
            }
            started = true;
        }
        scheduler.execute(this::open);
    }

    /**
     * The driver container has terminated: from now on a stream that ends normally has delivered the whole
     * log. Starts following if that had not happened yet, and bounds the wait for the rest of the log.
     */
    public void podTerminated() {
        synchronized (lock) {
            if (terminated) {
                return;
            }
            terminated = true;
        }
        start();
        ScheduledFuture<?> deadline = scheduler.schedule(
                () -> giveUp("the rest of the driver log did not arrive within " + policy.drainTimeout().toSeconds() + "s"),
                policy.drainTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        // a drained log lets go of its deadline at once: the pending task would keep this follower, its watch and
        // their last pod reachable for the whole drain timeout after every finished job
        drained.whenComplete((done, error) -> deadline.cancel(false));
    }

    /** Completes once the log of a terminated driver has been delivered to the end (or given up, or stopped). */
    public CompletableFuture<Void> drained() {
        return drained;
    }

    /** Closes the stream and stops reconnecting; for a pod that is gone or a watch that is detached. */
    public void stop() {
        AsyncBody toClose;
        synchronized (lock) {
            stopped = true;
            generation++;
            toClose = current;
            current = null;
        }
        if (toClose != null) {
            toClose.cancel();
        }
        drained.complete(null);
    }

    /** The position after the last delivered line, or null when none was delivered (yet). */
    public PodLogPosition position() {
        synchronized (lock) {
            return filter.position();
        }
    }

    private void open() {
        int streamGeneration;
        PodLogPosition since;
        LineSplitter splitter;
        boolean terminatedAtOpen;
        synchronized (lock) {
            if (stopped || drained.isDone()) {
                return;
            }
            streamGeneration = ++generation;
            filter.newStream();
            since = filter.position();
            terminatedAtOpen = terminated;
            splitter = new LineSplitter(raw -> onLine(streamGeneration, raw));
        }
        // a client of its own for this stream: over HTTP/2 the main client's connection has a stream limit the JDK
        // client will not go beyond, and a followed log holds its stream for the driver's life
        LogStreamClients.Lease lease;
        try {
            lease = LogStreamClients.lease(client);
        } catch (IllegalStateException e) {
            streamEnded(streamGeneration, terminatedAtOpen, splitter, e);
            return;
        }
        lease.ready().whenComplete((v, e) -> {
            try {
                send(lease, streamGeneration, since, terminatedAtOpen, splitter);
            } catch (RuntimeException failure) {
                // a client closed under us: reconnect as after any failed stream, or stop if the follower stopped
                lease.close();
                streamEnded(streamGeneration, terminatedAtOpen, splitter, failure);
            }
        });
    }

    private void send(LogStreamClients.Lease lease, int streamGeneration, PodLogPosition since, boolean terminatedAtOpen,
                      LineSplitter splitter) {
        HttpClient http = lease.client().getHttpClient();
        HttpRequest request;
        try {
            request = http.newHttpRequestBuilder().url(new URL(logUrl(since))).build();
        } catch (MalformedURLException e) {
            lease.close();
            streamEnded(streamGeneration, terminatedAtOpen, splitter, e);
            return;
        }
        StreamTarget target = new StreamTarget(splitter);
        CompletableFuture<?> streamDone = new CompletableFuture<>();
        streamDone.whenComplete((v, e) -> lease.close());
        http.consumeBytes(request, (buffers, body) -> {
            target.write(buffers);
            body.consume();
        }).whenComplete((response, failure) -> {
            if (failure != null) {
                streamDone.complete(null);
                target.release();
                streamEnded(streamGeneration, terminatedAtOpen, splitter, failure);
                return;
            }
            AsyncBody body = response.body();
            target.accepted = response.isSuccessful();
            boolean closeNow;
            synchronized (lock) {
                closeNow = streamGeneration != generation;
                if (!closeNow) {
                    current = body;
                }
            }
            if (closeNow) {
                streamDone.complete(null);
                target.release();
                body.cancel();
                return;
            }
            body.done().whenComplete((ok, error) -> {
                streamDone.complete(null);
                ByteArrayOutputStream refused = target.release();
                streamEnded(streamGeneration, terminatedAtOpen, splitter,
                        error != null ? error : response.isSuccessful() ? null : new LogRequestRefused(response.code(), refused));
            });
            body.consume();
        });
    }

    /**
     * Where one stream's bytes go: lines once the server accepted the request, else the start of its error body. Let
     * go when the stream ends: the JDK client keeps an idle pooled connection's first exchange reachable (through its
     * connect timer), and with it this consumer, so holding the splitter here would keep the follower, its watch and
     * the watch's last pod alive for as long as the connection idles in the pool.
     */
    private static final class StreamTarget {
        private volatile LineSplitter splitter;
        private volatile ByteArrayOutputStream errorBody = new ByteArrayOutputStream();
        private volatile boolean accepted;

        StreamTarget(LineSplitter splitter) {
            this.splitter = splitter;
        }

        void write(List<ByteBuffer> buffers) {
            LineSplitter lines = splitter;
            ByteArrayOutputStream error = errorBody;
            for (ByteBuffer buffer : buffers) {
                byte[] bytes;
                int offset;
                int length = buffer.remaining();
                if (buffer.hasArray()) {
                    // read the client's buffer in place: copying every chunk first doubled the bytes touched
                    bytes = buffer.array();
                    offset = buffer.arrayOffset() + buffer.position();
                    buffer.position(buffer.limit());
                } else {
                    bytes = new byte[length];
                    buffer.get(bytes);
                    offset = 0;
                }
                if (accepted) {
                    if (lines != null) {
                        lines.write(bytes, offset, length);
                    }
                } else if (error != null && error.size() < 4096) {
                    error.write(bytes, offset, length);
                }
            }
        }

        /** Drops the references; returns what was kept of an error body. */
        ByteArrayOutputStream release() {
            ByteArrayOutputStream error = errorBody;
            splitter = null;
            errorBody = null;
            return error == null ? new ByteArrayOutputStream() : error;
        }
    }

    /**
     * The log request of {@code kubectl logs -f --timestamps -c spark-kubernetes-driver}. Sent through the
     * client's own HTTP client rather than {@code watchLog(OutputStream)}, because fabric8 7.3.1 writes an
     * error response's body into the stream as if it were log text (a 400 for a container still creating
     * would become a driver log line) and lists the pod before every request.
     */
    private String logUrl(PodLogPosition since) {
        StringBuilder url = new StringBuilder(URLUtils.join(client.getMasterUrl().toString(),
                "api", "v1", "namespaces", namespace, "pods", podName, "log"));
        url.append("?container=").append(SparkLabels.DRIVER_CONTAINER).append("&follow=true&timestamps=true");
        if (since != null) {
            // sinceTime is whole seconds on some API servers: start at the second and let the filter skip the rest.
            url.append("&sinceTime=").append(URLEncoder.encode(
                    since.timestamp().truncatedTo(ChronoUnit.SECONDS).toString(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    private void onLine(int streamGeneration, String raw) {
        TimestampedLine line = TimestampedLine.parse(raw);
        synchronized (lock) {
            if (streamGeneration != generation || !filter.admit(line.timestamp())) {
                return;
            }
            failures = 0;
            sink.accept(new LogLine(PodLogPosition.SOURCE, line.timestamp(), line.text()));
        }
    }

    /**
     * A stream ended. Only a stream requested after the container was known to be terminated and ended by
     * the server proves the log complete: a stream opened earlier may have ended for another reason just
     * before the termination was seen.
     */
    private void streamEnded(int streamGeneration, boolean terminatedAtOpen, LineSplitter splitter, Throwable failure) {
        boolean complete;
        boolean exhausted;
        long delay;
        synchronized (lock) {
            if (streamGeneration != generation || stopped) {
                return;
            }
            current = null;
            complete = failure == null && terminatedAtOpen;
            if (complete) {
                splitter.flushPartialLine();
            }
            if (failure != null) {
                failures++;
            }
            if (terminated && failure != null) {
                attemptsSinceTermination++;
            }
            exhausted = attemptsSinceTermination >= policy.attemptsAfterTermination();
            delay = failure == null && terminated
                    ? 0
                    : policy.retryDelay(Math.max(failures, 1), ThreadLocalRandom.current().nextDouble()).toMillis();
        }
        if (complete) {
            drained.complete(null);
            return;
        }
        if (exhausted) {
            giveUp("the driver log could not be read to its end: " + describe(failure));
            return;
        }
        if (failure != null) {
            LOG.debug("Log stream of {}/{} failed, reconnecting", namespace, podName, failure);
        }
        scheduler.schedule(this::open, delay, TimeUnit.MILLISECONDS);
    }

    private void giveUp(String why) {
        if (drained.isDone()) {
            return;
        }
        diagnostics.accept("Driver log of " + namespace + "/" + podName + " incomplete: " + why);
        stop();
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "the stream ended early";
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    @Override
    public String toString() {
        return "DriverLogFollower[" + namespace + "/" + podName + "]";
    }
}
