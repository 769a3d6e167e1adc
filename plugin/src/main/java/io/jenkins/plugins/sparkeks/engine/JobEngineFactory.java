package io.jenkins.plugins.sparkeks.engine;

import hudson.model.Run;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import java.io.IOException;
import java.io.Serializable;

/**
 * Turns a persisted {@link JobDefinition} into a live {@link JobEngine} for one build: looks up the
 * credentials the definition names in the build's context and builds the core request. Called off the CPS
 * thread, at submission and again after a restart. Persisted with the step execution, so it holds no state
 * of its own.
 */
@FunctionalInterface
public interface JobEngineFactory extends Serializable {

    JobEngine create(JobDefinition definition, Run<?, ?> run) throws IOException, InterruptedException;
}
