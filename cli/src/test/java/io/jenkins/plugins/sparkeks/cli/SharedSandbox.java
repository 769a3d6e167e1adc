package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.insight.InsightWiring;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import java.util.Objects;

/**
 * One command's engines on a sandbox that outlives it: every command closes its engines, so closing these leaves
 * the sandbox running for the next. Tests that watch what a command was handed override the method concerned.
 */
class SharedSandbox implements Engines {

    final SandboxEngines sandbox;
    private final boolean insight;

    /** @param insight whether the sandbox's Spark insight is offered (without it, commands run with none) */
    SharedSandbox(SandboxEngines sandbox, boolean insight) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.insight = insight;
    }

    @Override
    public SparkJobBackend<SparkSubmitRequest> kubernetes(KubernetesFlags cluster) {
        return sandbox.kubernetes(cluster);
    }

    @Override
    public SparkJobBackend<EmrJobRequest> emr(AwsFlags aws) {
        return sandbox.emr(aws);
    }

    @Override
    public SparkJobBackend<?> forReference(JobReference reference, KubernetesFlags access) {
        return sandbox.forReference(reference, access);
    }

    @Override
    public InsightWiring insight(SparkJobBackend<?> backend) {
        return insight ? sandbox.insight(backend) : null;
    }

    @Override
    public void close() {}
}
