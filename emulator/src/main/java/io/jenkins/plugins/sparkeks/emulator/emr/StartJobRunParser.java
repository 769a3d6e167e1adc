package io.jenkins.plugins.sparkeks.emulator.emr;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.sparkeks.emulator.JobRunRequest;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsError;
import io.jenkins.plugins.sparkeks.emulator.wire.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a StartJobRun body against the constraints of the emr-containers model and parses it. */
final class StartJobRunParser {
    private static final Pattern NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]{1,64}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern RELEASE_LABEL = Pattern.compile("[\\.\\-_/A-Za-z0-9]{1,64}");
    private static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\\d{12}:key/[0-9a-zA-Z-]+");
    private static final Pattern ROTATION_SIZE = Pattern.compile("\\d+(\\.\\d+)?[KMG][Bb]?");

    private StartJobRunParser() {
    }

    static JobRunRequest parse(String virtualClusterId, JsonNode body, String rawBody) {
        if (body.hasNonNull("jobTemplateId")) {
            throw AwsError.validation("The emulator does not emulate job templates (jobTemplateId)");
        }
        String clientToken = Json.text(body, "clientToken").filter(t -> !t.isBlank() && t.length() <= 64)
                .orElseThrow(() -> AwsError.validation("clientToken is required (1-64 characters, not blank)"));
        String name = Json.text(body, "name").orElse(null);
        if (name != null && !NAME.matcher(name).matches()) {
            throw AwsError.validation("name '" + name + "' must match [\\.\\-_/#A-Za-z0-9]+ and be 1-64 characters");
        }
        String role = Json.text(body, "executionRoleArn")
                .orElseThrow(() -> AwsError.validation("executionRoleArn is required"));
        if (!ROLE_ARN.matcher(role).matches()) {
            throw AwsError.validation("executionRoleArn '" + role + "' is not an IAM role ARN");
        }
        String releaseLabel = Json.text(body, "releaseLabel")
                .orElseThrow(() -> AwsError.validation("releaseLabel is required, e.g. emr-7.2.0-latest"));
        if (!RELEASE_LABEL.matcher(releaseLabel).matches()) {
            throw AwsError.validation("releaseLabel '" + releaseLabel + "' is not a valid release label");
        }
        JsonNode driver = body.path("jobDriver");
        JsonNode submit = driver.path("sparkSubmitJobDriver");
        JsonNode sql = driver.path("sparkSqlJobDriver");
        if (submit.isMissingNode() == sql.isMissingNode()) {
            throw AwsError.validation("jobDriver must hold exactly one of sparkSubmitJobDriver or sparkSqlJobDriver");
        }
        JsonNode chosen = submit.isMissingNode() ? sql : submit;
        String entryPoint = Json.text(chosen, "entryPoint").filter(e -> !e.isBlank())
                .orElseThrow(() -> AwsError.validation("jobDriver entryPoint is required"));
        if (entryPoint.length() > 256) {
            throw AwsError.validation("jobDriver entryPoint must be at most 256 characters");
        }
        String parameters = Json.text(chosen, submit.isMissingNode() ? "sparkSqlParameters" : "sparkSubmitParameters")
                .orElse("");
        JsonNode monitoring = body.path("configurationOverrides").path("monitoringConfiguration");
        JsonNode cloudWatch = monitoring.path("cloudWatchMonitoringConfiguration");
        Optional<String> logGroup = Json.text(cloudWatch, "logGroupName");
        if (!cloudWatch.isMissingNode() && logGroup.isEmpty()) {
            throw AwsError.validation("cloudWatchMonitoringConfiguration.logGroupName is required");
        }
        Optional<String> logUri = Json.text(monitoring.path("s3MonitoringConfiguration"), "logUri");
        if (logUri.isPresent() && !logUri.get().startsWith("s3://")) {
            throw AwsError.validation("s3MonitoringConfiguration.logUri must start with s3://, was " + logUri.get());
        }
        JsonNode rotation = monitoring.path("containerLogRotationConfiguration");
        if (!rotation.isMissingNode()) {
            String size = Json.text(rotation, "rotationSize").orElse("");
            long keep = Json.number(rotation, "maxFilesToKeep").orElse(0L);
            if (!ROTATION_SIZE.matcher(size).matches() || keep < 1 || keep > 50) {
                throw AwsError.validation("containerLogRotationConfiguration needs rotationSize like 2GB and "
                        + "maxFilesToKeep between 1 and 50");
            }
        }
        JsonNode managed = monitoring.path("managedLogs");
        if (!managed.isMissingNode()) {
            String allow = Json.text(managed, "allowAWSToRetainLogs").orElse(null);
            if (allow != null && !allow.equals("ENABLED") && !allow.equals("DISABLED")) {
                throw AwsError.validation("managedLogs.allowAWSToRetainLogs must be ENABLED or DISABLED, was " + allow);
            }
            Optional<String> key = Json.text(managed, "encryptionKeyArn");
            if (key.isPresent() && !KMS_KEY_ARN.matcher(key.get()).matches()) {
                throw AwsError.validation("managedLogs.encryptionKeyArn '" + key.get() + "' is not a KMS key ARN");
            }
        }
        Optional<Integer> maxAttempts = Json.number(body.path("retryPolicyConfiguration"), "maxAttempts")
                .map(Long::intValue);
        if (maxAttempts.isPresent() && maxAttempts.get() < 1) {
            throw AwsError.validation("retryPolicyConfiguration.maxAttempts must be at least 1");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        body.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        if (tags.size() > 50) {
            throw AwsError.validation("at most 50 tags are allowed");
        }
        return new JobRunRequest(virtualClusterId, name, clientToken, role, releaseLabel, entryPoint,
                Json.texts(chosen, "entryPointArguments"), parameters, logGroup,
                Json.text(cloudWatch, "logStreamNamePrefix"), logUri, maxAttempts, tags, rawBody);
    }
}
