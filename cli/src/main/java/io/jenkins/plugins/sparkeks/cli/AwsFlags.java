package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.auth.AwsService;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import java.net.URI;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How to reach AWS. Credentials are never options: they come from the SDK's default chain (environment,
 * profile, web identity, container or instance role), optionally narrowed by assuming {@code --role-arn}.
 */
final class AwsFlags {

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: $AWS_REGION, then $AWS_DEFAULT_REGION).")
    String region;

    @Option(names = "--role-arn", paramLabel = "ARN",
            description = "IAM role to assume (with STS AssumeRole) on top of the default credentials.")
    String roleArn;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this endpoint instead of AWS (an emulator or a proxy).")
    URI endpointUrl;

    /** The settings for {@code regionOverride} (a reference's region) or the flags' region. */
    AwsSettings toSettings(String regionOverride) {
        String r = regionOverride != null ? regionOverride : effectiveRegion();
        if (r == null || r.isBlank()) {
            throw new InvalidJobSpecException(List.of(new FieldError("region", "is not set.",
                    "Pass --region (e.g. --region us-east-1) or set AWS_REGION.")));
        }
        AwsSettings s = AwsSettings.of(r);
        if (roleArn != null) {
            s = s.withRole(roleArn, AwsSettings.DEFAULT_SESSION_NAME, null);
        }
        if (endpointUrl != null) {
            for (AwsService service : AwsService.values()) {
                s = s.withEndpoint(service, endpointUrl);
            }
        }
        return s;
    }

    String effectiveRegion() {
        if (region != null) {
            return region;
        }
        String env = System.getenv("AWS_REGION");
        return env != null ? env : System.getenv("AWS_DEFAULT_REGION");
    }
}
