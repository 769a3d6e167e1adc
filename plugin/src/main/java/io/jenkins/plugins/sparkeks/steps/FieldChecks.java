package io.jenkins.plugins.sparkeks.steps;

import hudson.util.FormValidation;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrReleaseLabel;
import io.jenkins.plugins.sparkeks.job.DurationText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Offline checks behind the forms' {@code doCheck*} methods: the same rules the steps apply before
 * submitting, answered as form messages. None of them contacts anything.
 */
public final class FieldChecks {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-\\d{1,2}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private FieldChecks() {}

    public static FormValidation region(String value) {
        return check(v -> {
            if (value != null && !value.isBlank()) {
                v.check(
                        REGION.matcher(value.trim()).matches(),
                        "region",
                        "'" + value + "' is not an AWS region id.",
                        "Use an id such as us-east-1.");
            }
        });
    }

    public static FormValidation roleArn(String value) {
        return check(v -> {
            if (value != null && !value.isBlank()) {
                v.check(
                        ROLE_ARN.matcher(value.trim()).matches(),
                        "roleArn",
                        "is not an IAM role ARN.",
                        "Use the form arn:aws:iam::123456789012:role/name.");
            }
        });
    }

    /** The same rule as before StartJobRun, so the form says at once what the build would refuse. */
    public static FormValidation releaseLabel(String value) {
        return check(v -> {
            if (value != null && !value.isBlank()) {
                v.check(
                        EmrReleaseLabel.parse(value.trim()).isPresent(),
                        "releaseLabel",
                        "is not an EMR on EKS release label.",
                        "Use " + EmrReleaseLabel.forms() + ".");
            }
        });
    }

    public static FormValidation namespace(String value) {
        return check(v -> {
            if (value != null && !value.isBlank()) {
                v.check(
                        DNS_LABEL.matcher(value.trim()).matches(),
                        "namespace",
                        "'" + value + "' is not a Kubernetes namespace name.",
                        "Use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.");
            }
        });
    }

    public static FormValidation endpointUrl(String value) {
        return check(v -> {
            if (value != null && !value.isBlank()) {
                URI uri;
                try {
                    uri = new URI(value.trim());
                } catch (URISyntaxException e) {
                    uri = null;
                }
                boolean web = uri != null
                        && uri.getHost() != null
                        && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
                v.check(
                        web,
                        "awsEndpointUrl",
                        "'" + value + "' is not an http(s) URL with a host.",
                        "Give a URL such as https://vpce-123.emr-containers.us-east-1.vpce.amazonaws.com, or leave it empty.");
            }
        });
    }

    public static FormValidation duration(String value, String field) {
        return check(v -> DurationText.parse(value, field, v));
    }

    public static FormValidation retention(String value) {
        return check(v -> {
            if (value != null && !value.isBlank()) {
                SparkJobStep.retention(value, v);
            }
        });
    }

    /** The text of a key=value textarea, read one entry per line as the form submission will be. */
    public static FormValidation keyValueLines(String value, String field) {
        return check(v -> {
            if (value != null && !value.isBlank()) {
                KeyValueEntries.parse(field, FormLists.lines(value), v);
            }
        });
    }

    private static FormValidation check(Consumer<Validation> rule) {
        Validation v = new Validation();
        rule.accept(v);
        if (v.isValid()) {
            return FormValidation.ok();
        }
        FieldError e = v.errors().get(0);
        return FormValidation.error(e.problem() + " " + e.fix());
    }
}
