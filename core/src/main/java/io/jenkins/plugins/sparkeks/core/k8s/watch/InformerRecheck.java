package io.jenkins.plugins.sparkeks.core.k8s.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * The safety net under the shared informers: every {@code interval}, each watched object is read directly from the
 * API server, at most {@code perClusterPerTick} reads per cluster, round-robin, so a lost watch, a missed event or an
 * API server that came back with its state reset cannot leave a job waiting for ever, and an API that fails every
 * read is noticed and reported while it lasts.
 *
 * @param interval          time between two rounds
 * @param perClusterPerTick the most direct reads per cluster in one round
 */
public record InformerRecheck(Duration interval, int perClusterPerTick) {

    /** 20 reads per cluster every 30 s: 40 objects a minute, well under any API server's budget. */
    public static final InformerRecheck DEFAULT = new InformerRecheck(Duration.ofSeconds(30), 20);

    public InformerRecheck {
        Objects.requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative() || perClusterPerTick < 1) {
            throw new IllegalArgumentException("interval must be positive and perClusterPerTick at least 1");
        }
    }
}
