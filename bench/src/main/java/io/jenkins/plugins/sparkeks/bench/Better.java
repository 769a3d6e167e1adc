package io.jenkins.plugins.sparkeks.bench;

/** Which way a figure improves; it decides how the ratio is taken so that a ratio above 1 always favours us. */
public enum Better {
    /** Time, threads, bytes, calls: ratio = anchor / ours. */
    LOWER,
    /** Throughput: ratio = ours / anchor. */
    HIGHER
}
