package io.jenkins.plugins.sparkeks.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a StartJobRun call asked for, parsed, so scripts can be chosen by it and tests can assert what was sent.
 * {@link #toString()} leaves out the body, the arguments and the Spark parameters: they may carry secrets.
 *
 * @param body the request body exactly as received (JSON text)
 */
public record JobRunRequest(String virtualClusterId, String name, String clientToken, String executionRoleArn,
                            String releaseLabel, String entryPoint, List<String> entryPointArguments,
                            String sparkSubmitParameters, Optional<String> logGroupName,
                            Optional<String> logStreamNamePrefix, Optional<String> logUri,
                            Optional<Integer> maxAttempts, Map<String, String> tags, String body) {
    public JobRunRequest {
        entryPointArguments = List.copyOf(entryPointArguments);
        tags = Map.copyOf(tags);
    }

    @Override
    public String toString() {
        return "JobRunRequest[virtualClusterId=" + virtualClusterId + ", name=" + name + ", releaseLabel="
                + releaseLabel + ", entryPoint=" + entryPoint + ", logGroupName=" + logGroupName.orElse("-")
                + ", logUri=" + logUri.orElse("-") + "]";
    }
}
