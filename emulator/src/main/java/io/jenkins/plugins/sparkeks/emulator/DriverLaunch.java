package io.jenkins.plugins.sparkeks.emulator;

import java.util.List;
import java.util.Map;

/**
 * A spark-submit job run whose driver a {@link DriverHost} may run: where (the virtual cluster's EKS cluster and
 * namespace) and what, as StartJobRun sent it. {@link #toString()} leaves out the arguments, the Spark parameters and
 * the spark-defaults: they may carry secrets.
 *
 * @param name          the job run's name, or {@code null}
 * @param sparkDefaults the {@code spark-defaults} classification of {@code configurationOverrides}, as sent
 */
public record DriverLaunch(String jobRunId, String virtualClusterId, String eksClusterName, String namespace,
                           String name, String releaseLabel, String entryPoint, List<String> entryPointArguments,
                           String sparkSubmitParameters, Map<String, String> sparkDefaults) {
    public DriverLaunch {
        entryPointArguments = List.copyOf(entryPointArguments);
        sparkDefaults = Map.copyOf(sparkDefaults);
    }

    @Override
    public String toString() {
        return "DriverLaunch[jobRunId=" + jobRunId + ", virtualClusterId=" + virtualClusterId + ", eksClusterName="
                + eksClusterName + ", namespace=" + namespace + ", name=" + name + ", releaseLabel=" + releaseLabel
                + ", entryPoint=" + entryPoint + "]";
    }
}
