package io.jenkins.plugins.sparkeks.cli;

import static java.util.Map.entry;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The core names fields as the request and the pipeline steps do ({@code driverMemory}); a command-line user
 * typed {@code --driver-memory}. Errors are shown with the option first and the field in brackets.
 */
final class FieldOptions {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            entry("appName", "--name"),
            entry("mainClass", "--class"),
            entry("primaryResource", "<primary-resource>"),
            entry("appArgs", "<args>"),
            entry("executorInstances", "--num-executors"),
            entry("labels", "--label"),
            entry("annotations", "--annotation"),
            entry("tolerations", "--toleration"),
            entry("imagePullSecrets", "--image-pull-secret"),
            entry("driverPodTemplate", "--driver-pod-template"),
            entry("entryPointArguments", "<args>"),
            entry("sparkSqlJobDriver.entryPoint", "--sql-entry-point"),
            entry("jobDriver", "--entry-point"),
            entry("retryMaxAttempts", "--max-attempts"),
            entry("tags", "--tag"),
            entry("jobTemplateParameters", "--job-template-parameter"),
            entry("applicationConfiguration", "--application-config"),
            entry("cloudWatchLogGroup", "--log-group"),
            entry("cloudWatchLogStreamPrefix", "--log-stream-prefix"),
            entry("s3LogUri", "--log-uri"),
            entry("token", "--token-file"),
            entry("caCertificate", "--ca-file"));

    private FieldOptions() {}

    /** The exception's problems, one per line, each starting with the option the user typed. */
    static String message(CommandSpec command, InvalidJobSpecException e) {
        List<FieldError> errors = e.errors();
        StringBuilder sb = new StringBuilder(errors.size() == 1 ? "Invalid input: "
                : "Invalid input (" + errors.size() + " problems):");
        for (FieldError error : errors) {
            if (errors.size() > 1) {
                sb.append("\n  - ");
            }
            String option = option(command, error.field());
            boolean same = option.equals(error.field()) || option.equals("--" + error.field());
            sb.append(same ? option : option + " (" + error.field() + ")")
                    .append(": ").append(error.problem()).append(' ').append(error.fix());
        }
        return sb.toString();
    }

    /** {@code driverMemory} → {@code --driver-memory}, {@code conf[k]} → {@code --conf k}; unknown names stay. */
    static String option(CommandSpec command, String field) {
        int bracket = field.indexOf('[');
        String base = bracket < 0 ? field : field.substring(0, bracket);
        String index = bracket < 0 ? "" : field.substring(bracket + 1, field.endsWith("]") ? field.length() - 1 : field.length());
        String name = ALIASES.get(base);
        if (name == null) {
            String last = base.substring(base.lastIndexOf('.') + 1);
            name = ALIASES.getOrDefault(last, "--" + kebab(last));
        }
        if (!exists(command, name)) {
            return field;
        }
        return index.isEmpty() ? name : name + (name.startsWith("<") ? "[" + index + "]" : " " + index);
    }

    private static boolean exists(CommandSpec command, String name) {
        if (name.startsWith("<")) {
            return command.positionalParameters().stream().map(PositionalParamSpec::paramLabel).anyMatch(name::equals);
        }
        return command.findOption(name) != null;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
