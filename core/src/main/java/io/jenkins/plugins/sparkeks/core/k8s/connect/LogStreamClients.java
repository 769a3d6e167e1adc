package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.URLUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The clients that carry a cluster connection's followed logs. Over HTTP/2 the JDK HTTP client puts every request to
 * a host on one connection and fails requests beyond the server's stream limit (kube-apiserver: 100) instead of
 * opening another connection, and a followed log holds its stream for the driver's whole life. So log streams never
 * go through the connection's main client (informers and ordinary requests keep its streams), and each member here,
 * having its own JDK client and hence its own TCP connection, carries at most {@link #STREAMS_PER_CLIENT}: a stream
 * goes to the member with the fewest, and a member is added only when all are full.
 *
 * <p>A member without streams for {@link #IDLE_MILLIS} is closed, by a timer rather than on the next lease: its
 * connections are wanted only while logs are followed. Over HTTP/1.1 a member holds one pooled connection per stream it
 * carried, and the JDK keeps an idle pooled connection for its keep-alive (20 minutes unless the JVM-wide
 * {@code jdk.httpclient.keepalive.timeout} says otherwise, which a library must not set). On JDK 17 a client has no
 * {@code close()}: fabric8's close only drops its JDK client, and that client's selector manager thread, which checks
 * at least every few seconds whether the client is still referenced, exits once the client has been collected and
 * closes every connection of its pool on the way out. So a closed member's connections and thread go after the next
 * garbage collection, whatever the keep-alive.
 *
 * <p>A new member sends one small request ({@code GET /version}) before its streams go out: a JDK client that has no
 * connection yet opens one per request still in its TLS handshake, so a burst of first requests would open a
 * connection each instead of sharing the one HTTP/2 connection.
 */
public final class LogStreamClients implements AutoCloseable {

    /** Streams per member: under kube-apiserver's default of 100, with room for a member's reconnect overlap. */
    public static final int STREAMS_PER_CLIENT = 90;
    /**
     * How long a member may carry no stream before it is closed: long enough for a stream's reconnect to find it,
     * short enough that a finished burst of followed logs leaves no connection behind.
     */
    public static final long IDLE_MILLIS = 5_000L;

    /** Pools by the main client they belong to: followers are handed only that client. */
    private static final Map<KubernetesClient, LogStreamClients> BY_MAIN_CLIENT = new WeakHashMap<>();

    private static final long WARM_UP_SECONDS = 30;

    private final Supplier<KubernetesClient> newMember;
    private final Function<KubernetesClient, CompletableFuture<?>> warmUp;
    private final int streamsPerClient;
    private final LongSupplier clock;
    private final long idleMillis;
    private final List<Member> members = new ArrayList<>();
    private boolean closed;

    /**
     * @param newMember builds a client like the main one (same config, interceptors and executors) with its own
     *                  JDK HTTP client
     */
    public LogStreamClients(Supplier<KubernetesClient> newMember, int streamsPerClient, LongSupplier clock) {
        this(newMember, LogStreamClients::firstRequest, streamsPerClient, clock, IDLE_MILLIS);
    }

    /**
     * As above, with {@code warmUp} as a new member's first request (its outcome does not matter) and members closed
     * after {@code idleMillis} without a stream.
     */
    LogStreamClients(Supplier<KubernetesClient> newMember, Function<KubernetesClient, CompletableFuture<?>> warmUp,
                     int streamsPerClient, LongSupplier clock, long idleMillis) {
        if (idleMillis < 1) {
            throw new IllegalArgumentException("idleMillis must be positive");
        }
        this.idleMillis = idleMillis;
        this.warmUp = Objects.requireNonNull(warmUp, "warmUp");
        if (streamsPerClient < 1) {
            throw new IllegalArgumentException("streamsPerClient must be positive");
        }
        this.newMember = Objects.requireNonNull(newMember, "newMember");
        this.streamsPerClient = streamsPerClient;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Makes this pool the one {@link #lease(KubernetesClient)} uses for streams of {@code main}; a
     * {@link ClusterConnector} does so for its connections, an engine wired without one (the bench) may too.
     */
    public static void register(KubernetesClient main, LogStreamClients pool) {
        synchronized (BY_MAIN_CLIENT) {
            BY_MAIN_CLIENT.put(main, pool);
        }
    }

    /** Forgets {@code main}'s pool and closes it. */
    public static void unregister(KubernetesClient main) {
        LogStreamClients pool;
        synchronized (BY_MAIN_CLIENT) {
            pool = BY_MAIN_CLIENT.remove(main);
        }
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * A client for one long-lived log stream of {@code main}'s cluster: from its pool when {@code main} came from a
     * {@link ClusterConnector}, else {@code main} itself (a client made elsewhere, as in tests).
     */
    public static Lease lease(KubernetesClient main) {
        LogStreamClients pool;
        synchronized (BY_MAIN_CLIENT) {
            pool = BY_MAIN_CLIENT.get(main);
        }
        return pool == null ? new Lease(main, CompletableFuture.completedFuture(null), () -> {}) : pool.lease();
    }

    /** A member with room for one more stream; close the lease when the stream has ended. */
    public Lease lease() {
        List<Member> idle = new ArrayList<>();
        Lease lease;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("log stream clients are closed");
            }
            long now = clock.getAsLong();
            Member chosen = null;
            for (Member m : List.copyOf(members)) {
                if (m.streams == 0 && now - m.idleSince >= idleMillis) {
                    members.remove(m);
                    idle.add(m);
                } else if (m.streams < streamsPerClient && (chosen == null || m.streams < chosen.streams)) {
                    chosen = m;
                }
            }
            if (chosen == null) {
                KubernetesClient client = newMember.get();
                chosen = new Member(client, warmUp.apply(client).orTimeout(WARM_UP_SECONDS, TimeUnit.SECONDS)
                        .handle((response, failure) -> null));
                members.add(chosen);
            }
            chosen.streams++;
            Member leased = chosen;
            lease = new Lease(leased.client, leased.ready, () -> release(leased));
        }
        idle.forEach(m -> m.client.close());
        return lease;
    }

    private void release(Member member) {
        long idleEpoch;
        synchronized (this) {
            member.streams--;
            if (member.streams != 0 || closed) {
                return;
            }
            member.idleSince = clock.getAsLong();
            idleEpoch = ++member.idleEpoch;
        }
        // run on the JDK's delay thread itself (closing only drops a reference): no pool thread wakes for it, and
        // that one daemon thread is already started by the warm-up's timeout
        CompletableFuture.delayedExecutor(idleMillis, TimeUnit.MILLISECONDS, Runnable::run)
                .execute(() -> closeIfStillIdle(member, idleEpoch));
    }

    /** Closes {@code member} unless it carried a stream since it fell idle at {@code idleEpoch}. */
    private void closeIfStillIdle(Member member, long idleEpoch) {
        synchronized (this) {
            if (member.streams != 0 || member.idleEpoch != idleEpoch || !members.remove(member)) {
                return;
            }
        }
        member.client.close();
    }

    /** Members open right now; for tests and diagnostics. */
    public synchronized int clients() {
        return members.size();
    }

    /** Streams each member carries, in creation order; for tests and diagnostics. */
    public synchronized List<Integer> streams() {
        return members.stream().map(m -> m.streams).toList();
    }

    /** Closes every member; their streams end. */
    @Override
    public void close() {
        List<Member> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(members);
            members.clear();
        }
        all.forEach(m -> m.client.close());
    }

    private static CompletableFuture<?> firstRequest(KubernetesClient client) {
        try {
            HttpClient http = client.getHttpClient();
            return http.sendAsync(http.newHttpRequestBuilder()
                    .uri(URLUtils.join(client.getMasterUrl().toString(), "version")).build(), String.class);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static final class Member {
        final KubernetesClient client;
        final CompletableFuture<Void> ready;
        int streams;
        long idleSince;
        /** Counts the member's idle spells, so a timer set for an earlier spell leaves a reused member alone. */
        long idleEpoch;

        Member(KubernetesClient client, CompletableFuture<Void> ready) {
            this.client = client;
            this.ready = ready;
        }
    }

    /** One stream's client; closing it (once counts) gives the slot back. */
    public static final class Lease implements AutoCloseable {
        private final KubernetesClient client;
        private final CompletableFuture<Void> ready;
        private final Runnable release;
        private final AtomicBoolean released = new AtomicBoolean();

        Lease(KubernetesClient client, CompletableFuture<Void> ready, Runnable release) {
            this.client = client;
            this.ready = ready;
            this.release = release;
        }

        public KubernetesClient client() {
            return client;
        }

        /** Completes (never exceptionally) once the client's first request has ended: send the stream then. */
        public CompletableFuture<Void> ready() {
            return ready;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }
}
