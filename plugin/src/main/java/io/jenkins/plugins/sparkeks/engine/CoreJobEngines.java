package io.jenkins.plugins.sparkeks.engine;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.sparkeks.job.JobDefinition;

/** Builds {@link JobEngine}s on the core backends for the definitions the steps produce. */
public enum CoreJobEngines implements JobEngineFactory {
    INSTANCE;

    @Override
    public JobEngine create(JobDefinition definition, Run<?, ?> run) throws AbortException {
        throw new AbortException("No backend for " + definition.describe() + " in this build of the plugin");
    }
}
