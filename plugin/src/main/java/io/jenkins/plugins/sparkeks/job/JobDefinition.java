package io.jenkins.plugins.sparkeks.job;

import java.io.Serializable;

/**
 * What a step was asked to run, with the controller defaults already applied: plain values and credential
 * ids, so that it can be persisted with the build and used again after a restart.
 */
public sealed interface JobDefinition extends Serializable permits SparkSubmitDefinition, EmrJobDefinition {

    WaitSettings waitSettings();

    /** Secret conf and env values, by credential id only. */
    SecretRefs secrets();

    /** A short label for console lines, e.g. {@code spark-pi on eks:us-east-1/prod}. */
    String describe();
}
