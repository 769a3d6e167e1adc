package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;

/**
 * StartJobRun's idempotency token. It comes from the caller's submission key, never from a random source:
 * a retried or resumed submit under the same key sends the same token and gets the run it already started;
 * a new key starts a new run.
 */
public final class ClientTokens {

    /** emr-containers accepts 1..64 characters. */
    public static final int MAX_LENGTH = 64;

    private ClientTokens() {}

    public static String of(SubmissionKey key) {
        return key.hash(MAX_LENGTH);
    }
}
