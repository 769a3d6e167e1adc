package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.job.Validation;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrReleaseLabel;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an {@link EmrJobRequest} against the emr-containers API model (2020-10-01) before any AWS call, so a
 * bad request fails with every problem named instead of one ValidationException after a round trip. Messages
 * name keys and limits, never property values, which may be secrets.
 */
public final class EmrJobRequestValidator {

    static final Pattern ID = Pattern.compile("[0-9a-z]{1,64}");
    static final Pattern RESOURCE_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,64}");
    static final Pattern ROLE_ARN = Pattern.compile(
            "arn:aws[a-zA-Z0-9-]*:iam::(\\d{12})?:role(/|/[\\u0021-\\u007F]+/)[\\w+=,.@-]+");
    static final Pattern ENTRY_POINT_SCHEME = Pattern.compile("(s3|s3a|local|https?)://\\S+");
    static final Pattern LOG_GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
    static final Pattern ROTATION_SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMG])[Bb]?");
    static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-zA-Z0-9-]*:kms:[a-z0-9-]+:\\d{12}:key/[0-9a-zA-Z-]+");
    static final Pattern TEMPLATE_PARAMETER = Pattern.compile("[A-Za-z0-9_]{1,512}");

    static final int MAX_ENTRY_POINT = 256;
    static final int MAX_ARGUMENT = 10280;
    static final int MAX_PARAMETERS = 102400;
    static final int MAX_CONFIGURATIONS = 100;
    static final int MAX_PROPERTIES = 100;
    static final int MAX_PROPERTY_TEXT = 1024;
    static final int MAX_TAGS = 50;
    static final int MAX_TEMPLATE_PARAMETERS = 100;

    private EmrJobRequestValidator() {}

    public static Validation validate(EmrJobRequest r) {
        Validation v = new Validation();
        virtualCluster(r, v);
        if (r.name() != null) {
            v.check(RESOURCE_NAME.matcher(r.name()).matches(), "name",
                    "must be 1 to 64 characters of letters, digits and . - _ / # (was " + quoteShort(r.name()) + ").",
                    "Use a shorter name made of those characters.");
        }
        boolean template = r.jobTemplateId() != null;
        if (r.executionRoleArn() == null) {
            v.check(template, "executionRoleArn", "is required.",
                    "Give the ARN of the IAM role the job runs as, e.g. arn:aws:iam::111122223333:role/emr-job.");
        } else {
            v.check(ROLE_ARN.matcher(r.executionRoleArn()).matches() && r.executionRoleArn().length() <= 2048,
                    "executionRoleArn", "is not an IAM role ARN (was " + quoteShort(r.executionRoleArn()) + ").",
                    "Use the form arn:aws:iam::<12-digit account>:role/<name>.");
        }
        if (r.releaseLabel() == null) {
            v.check(template, "releaseLabel", "is required.", "Give an EMR release such as emr-7.5.0-latest.");
        } else {
            releaseLabel(r.releaseLabel(), v);
        }
        if (r.jobDriver() == null) {
            v.check(template, "jobDriver", "is required.",
                    "Give a sparkSubmitJobDriver (entryPoint, arguments, sparkSubmitParameters) or a sparkSqlJobDriver.");
        } else {
            jobDriver(r.jobDriver(), v);
        }
        for (int i = 0; i < r.applicationConfiguration().size() && i < MAX_CONFIGURATIONS; i++) {
            configuration(r.applicationConfiguration().get(i), "applicationConfiguration[" + i + "]", v);
        }
        v.check(r.applicationConfiguration().size() <= MAX_CONFIGURATIONS, "applicationConfiguration",
                "has " + r.applicationConfiguration().size() + " classifications; EMR accepts at most " + MAX_CONFIGURATIONS + ".",
                "Merge properties of the same classification into one entry.");
        monitoring(r.monitoring(), v);
        if (r.retryMaxAttempts() != null) {
            v.check(r.retryMaxAttempts() >= 1, "retryMaxAttempts",
                    "must be at least 1 (was " + r.retryMaxAttempts() + ").",
                    "Give the number of driver attempts, or leave it out for no retry policy.");
        }
        tags(r.tags(), v);
        template(r, v);
        return v;
    }

    private static void releaseLabel(String label, Validation v) {
        // every form EMR on EKS lists: emr-6/7.x.y and emr-spark-8.x.y, each bare, -latest or -<yyyymmdd>
        v.check(EmrReleaseLabel.parse(label).isPresent(), "releaseLabel",
                "is not an EMR on EKS release label (was " + quoteShort(label) + ").", "Use " + EmrReleaseLabel.forms() + ".");
    }

    private static void virtualCluster(EmrJobRequest r, Validation v) {
        if (r.virtualClusterId() != null && r.virtualClusterName() != null) {
            v.error("virtualClusterId", "and virtualClusterName are both given.", "Give only one of them.");
        } else if (r.virtualClusterId() != null) {
            v.check(ID.matcher(r.virtualClusterId()).matches(), "virtualClusterId",
                    "must be 1 to 64 lower-case letters and digits (was " + quoteShort(r.virtualClusterId()) + ").",
                    "Copy the id from `aws emr-containers list-virtual-clusters`, or give virtualClusterName instead.");
        } else if (r.virtualClusterName() != null) {
            v.check(RESOURCE_NAME.matcher(r.virtualClusterName()).matches(), "virtualClusterName",
                    "must be 1 to 64 characters of letters, digits and . - _ / # (was "
                            + quoteShort(r.virtualClusterName()) + ").",
                    "Give the virtual cluster's name as EMR shows it.");
        } else {
            v.error("virtualClusterId", "is required.", "Give virtualClusterId, or virtualClusterName (and optionally eksClusterName).");
        }
        if (r.eksClusterName() != null && r.virtualClusterName() == null) {
            v.error("eksClusterName", "only narrows a lookup by virtualClusterName.",
                    "Leave it out when virtualClusterId is given.");
        }
    }

    private static void jobDriver(EmrJobDriver driver, Validation v) {
        String entry = driver.entryPoint();
        String field = driver instanceof EmrJobDriver.SparkSql ? "sparkSqlJobDriver.entryPoint" : "sparkSubmitJobDriver.entryPoint";
        if (entry == null || entry.isBlank()) {
            v.error(field, "is required.", "Give the application's location, e.g. s3://bucket/app.jar or local:///usr/lib/spark/examples/jars/spark-examples.jar.");
        } else {
            v.check(entry.length() <= MAX_ENTRY_POINT, field,
                    "is " + entry.length() + " characters long; EMR accepts at most " + MAX_ENTRY_POINT + ".",
                    "Move the application to a shorter S3 key.");
            v.check(ENTRY_POINT_SCHEME.matcher(entry).matches(), field,
                    "must be an s3://, s3a://, local:// or https:// location; files on this machine are not visible to EMR.",
                    "Upload the application to S3, or use local:///... for a file inside the job's image.");
        }
        if (driver instanceof EmrJobDriver.SparkSubmit s) {
            for (int i = 0; i < s.entryPointArguments().size(); i++) {
                String a = s.entryPointArguments().get(i);
                if (a == null) {
                    v.error("sparkSubmitJobDriver.entryPointArguments[" + i + "]", "is null.", "Remove it or give a value.");
                } else {
                    v.check(a.length() <= MAX_ARGUMENT, "sparkSubmitJobDriver.entryPointArguments[" + i + "]",
                            "is " + a.length() + " characters long; EMR accepts at most " + MAX_ARGUMENT + ".",
                            "Pass large input through a file in S3.");
                }
            }
            parameters(s.sparkSubmitParameters(), "sparkSubmitJobDriver.sparkSubmitParameters", v);
        } else if (driver instanceof EmrJobDriver.SparkSql q) {
            parameters(q.sparkSqlParameters(), "sparkSqlJobDriver.sparkSqlParameters", v);
        }
    }

    private static void parameters(String p, String field, Validation v) {
        if (p != null) {
            v.check(p.length() <= MAX_PARAMETERS, field,
                    "is " + p.length() + " characters long; EMR accepts at most " + MAX_PARAMETERS + ".",
                    "Move settings into a spark-defaults classification in applicationConfiguration.");
        }
    }

    private static void configuration(EmrConfiguration c, String field, Validation v) {
        v.check(!c.classification().isBlank() && c.classification().length() <= MAX_PROPERTY_TEXT,
                field + ".classification", "must be 1 to 1024 non-blank characters.",
                "Use a classification such as spark-defaults, spark-log4j2 or spark-env.");
        v.check(c.properties().size() <= MAX_PROPERTIES, field + ".properties",
                "has " + c.properties().size() + " entries; EMR accepts at most " + MAX_PROPERTIES + ".",
                "Split them across sparkSubmitParameters --conf options or fewer keys.");
        for (Map.Entry<String, String> e : c.properties().entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty() || key.length() > MAX_PROPERTY_TEXT) {
                v.error(field + ".properties", "has a key that is empty or longer than 1024 characters.", "Fix the key.");
                continue;
            }
            // the value is never shown: spark-defaults routinely carries secrets
            if (e.getValue() == null || e.getValue().length() > MAX_PROPERTY_TEXT) {
                v.error(field + ".properties[" + key + "]", "must have a value of at most 1024 characters.",
                        "Give a shorter value, or reference a file or secret store instead of inlining it.");
            }
        }
        v.check(c.configurations().size() <= MAX_CONFIGURATIONS, field + ".configurations",
                "has " + c.configurations().size() + " nested classifications; EMR accepts at most " + MAX_CONFIGURATIONS + ".",
                "Merge nested classifications.");
        for (int i = 0; i < c.configurations().size() && i < MAX_CONFIGURATIONS; i++) {
            configuration(c.configurations().get(i), field + ".configurations[" + i + "]", v);
        }
    }

    private static void monitoring(EmrMonitoring m, Validation v) {
        if (m.cloudWatchLogGroup() != null) {
            v.check(LOG_GROUP.matcher(m.cloudWatchLogGroup()).matches(), "cloudWatchLogGroup",
                    "must be 1 to 512 characters of letters, digits and . - _ / # (was " + quoteShort(m.cloudWatchLogGroup()) + ").",
                    "Give an existing log group name such as /emr-on-eks/jobs.");
        } else if (m.cloudWatchLogStreamPrefix() != null) {
            v.error("cloudWatchLogStreamPrefix", "is given without a log group.", "Give cloudWatchLogGroup too.");
        }
        if (m.cloudWatchLogStreamPrefix() != null) {
            v.check(!m.cloudWatchLogStreamPrefix().isBlank() && m.cloudWatchLogStreamPrefix().length() <= 256
                            && !m.cloudWatchLogStreamPrefix().contains(":") && !m.cloudWatchLogStreamPrefix().contains("*"),
                    "cloudWatchLogStreamPrefix", "must be 1 to 256 characters without ':' or '*'.", "Shorten or fix the prefix.");
        }
        if (m.s3LogUri() != null) {
            v.check(m.s3LogUri().matches("s3://[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9](/\\S*)?") && m.s3LogUri().length() <= 10280,
                    "s3LogUri", "must be an s3://bucket/prefix URI (was " + quoteShort(m.s3LogUri()) + ").",
                    "Give a location such as s3://my-bucket/emr-logs/.");
        }
        boolean size = m.logRotationSize() != null;
        boolean files = m.logRotationMaxFiles() != null;
        if (size != files) {
            v.error(size ? "logRotationMaxFiles" : "logRotationSize", "is required when container log rotation is configured.",
                    "Give both logRotationSize (e.g. 100MB) and logRotationMaxFiles (1 to 50).");
        }
        if (size) {
            v.check(rotationSizeInRange(m.logRotationSize()), "logRotationSize",
                    "must be a size from 2KB to 2GB such as 100MB (was " + quoteShort(m.logRotationSize()) + ").",
                    "Use a number followed by K, M or G (optionally B).");
        }
        if (m.managedLogs() != null && m.managedLogs().encryptionKeyArn() != null) {
            String key = m.managedLogs().encryptionKeyArn();
            v.check(KMS_KEY_ARN.matcher(key).matches() && key.length() <= 2048, "managedLogsEncryptionKeyArn",
                    "is not a KMS key ARN (was " + quoteShort(key) + ").",
                    "Give the key's ARN, arn:aws:kms:<region>:<12-digit account>:key/<key id>; an alias is not accepted.");
        }
        if (files) {
            v.check(m.logRotationMaxFiles() >= 1 && m.logRotationMaxFiles() <= 50, "logRotationMaxFiles",
                    "must be 1 to 50 (was " + m.logRotationMaxFiles() + ").", "Give how many rotated files to keep.");
        }
    }

    private static boolean rotationSizeInRange(String s) {
        Matcher m = ROTATION_SIZE.matcher(s);
        if (!m.matches()) {
            return false;
        }
        long unit = switch (m.group(2)) {
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            default -> 1L << 30;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        return bytes.compareTo(BigDecimal.valueOf(2L << 10)) >= 0 && bytes.compareTo(BigDecimal.valueOf(2L << 30)) <= 0;
    }

    private static void tags(Map<String, String> tags, Validation v) {
        v.check(tags.size() < MAX_TAGS, "tags", "has " + tags.size() + " entries; EMR accepts at most " + MAX_TAGS
                + " and one is the " + EmrSpecFingerprints.TAG + " tag this step adds.",
                "Remove some tags.");
        for (Map.Entry<String, String> e : tags.entrySet()) {
            boolean keyOk = e.getKey() != null && !e.getKey().isEmpty() && e.getKey().length() <= 128 && !e.getKey().startsWith("aws:");
            v.check(keyOk, "tags", "has a key that is empty, longer than 128 characters or starts with aws:.", "Fix the tag key.");
            if (keyOk) {
                v.check(e.getValue() != null && e.getValue().length() <= 256, "tags[" + e.getKey() + "]",
                        "must have a value of at most 256 characters.", "Shorten the value.");
            }
        }
    }

    private static void template(EmrJobRequest r, Validation v) {
        if (r.jobTemplateId() != null) {
            v.check(ID.matcher(r.jobTemplateId()).matches(), "jobTemplateId",
                    "must be 1 to 64 lower-case letters and digits (was " + quoteShort(r.jobTemplateId()) + ").",
                    "Copy the id from `aws emr-containers list-job-templates`.");
        } else if (!r.jobTemplateParameters().isEmpty()) {
            v.error("jobTemplateParameters", "are given without a jobTemplateId.", "Give jobTemplateId, or remove the parameters.");
        }
        v.check(r.jobTemplateParameters().size() <= MAX_TEMPLATE_PARAMETERS, "jobTemplateParameters",
                "has " + r.jobTemplateParameters().size() + " entries; EMR accepts at most " + MAX_TEMPLATE_PARAMETERS + ".",
                "Remove unused parameters.");
        for (Map.Entry<String, String> e : r.jobTemplateParameters().entrySet()) {
            if (e.getKey() == null || !TEMPLATE_PARAMETER.matcher(e.getKey()).matches()) {
                v.error("jobTemplateParameters", "has a name that is not 1 to 512 letters, digits or _.", "Use the template's parameter names.");
            } else if (e.getValue() == null || e.getValue().length() > MAX_PROPERTY_TEXT) {
                v.error("jobTemplateParameters[" + e.getKey() + "]", "must have a value of at most 1024 characters.",
                        "Shorten the value.");
            }
        }
    }

    /** Echoes a (non-secret) field value, cut so a pasted blob cannot flood the message. */
    private static String quoteShort(String s) {
        return "'" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "'";
    }
}
