package io.jenkins.plugins.sparkeks.steps;

import io.jenkins.plugins.sparkeks.config.SparkOnEksConfiguration;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import io.jenkins.plugins.sparkeks.job.AwsTarget;
import io.jenkins.plugins.sparkeks.job.DurationText;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import io.jenkins.plugins.sparkeks.job.SecretRef;
import io.jenkins.plugins.sparkeks.job.SecretRefs;
import io.jenkins.plugins.sparkeks.job.WaitSettings;
import io.jenkins.plugins.sparkeks.secrets.SecretValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What both Spark steps share: the AWS identity and how to wait and report. Every property is optional
 * here; empty values fall back to the global configuration and then to documented defaults.
 */
public abstract class SparkJobStep extends Step {

    private String region;
    private String credentialsId;
    private String roleArn;
    private boolean waitForCompletion = true;
    private boolean propagate = true;
    private String startTimeout;
    private String timeout;
    private String apiUnreachableTimeout;
    private boolean followLogs = true;
    private boolean sparkInsight = true;
    private boolean failOnSparkJobFailure = true;
    private List<SecretValue> secretConf;
    private List<SecretValue> secretEnv;

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return SparkJobStepExecution.of(
                context, () -> toDefinition(SparkOnEksConfiguration.get().defaults()));
    }

    /**
     * The definition with {@code defaults} applied. Throws
     * {@link io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException} listing every malformed field.
     */
    public abstract JobDefinition toDefinition(SparkOnEksDefaults defaults);

    AwsTarget awsTarget(SparkOnEksDefaults d) {
        return new AwsTarget(
                SparkOnEksDefaults.pick(region, d.region()),
                SparkOnEksDefaults.pick(credentialsId, d.credentialsId()),
                SparkOnEksDefaults.pick(roleArn, d.roleArn()),
                d.awsEndpointUrl());
    }

    WaitSettings waitSettings(Retention retention, Validation v) {
        Duration start = DurationText.parse(startTimeout, "startTimeout", v);
        Duration run = DurationText.parse(timeout, "timeout", v);
        Duration unreachable = DurationText.parse(apiUnreachableTimeout, "apiUnreachableTimeout", v);
        return new WaitSettings(
                        waitForCompletion,
                        propagate,
                        start,
                        run,
                        retention,
                        followLogs,
                        sparkInsight,
                        failOnSparkJobFailure)
                .withApiUnreachableTimeout(unreachable);
    }

    /** The secret entries as references; each needs a name and a credential id, and a name appears once. */
    SecretRefs secretRefs(Validation v) {
        return new SecretRefs(refs("secretConf", secretConf, v), refs("secretEnv", secretEnv, v));
    }

    private static List<SecretRef> refs(String field, List<SecretValue> values, Validation v) {
        List<SecretRef> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SecretValue s : values == null ? List.<SecretValue>of() : values) {
            if (s == null) {
                continue;
            }
            if (s.getKey() == null) {
                v.error(field, "has an entry without a key.", "Give the conf key or variable name of every entry.");
                continue;
            }
            String f = field + "[" + s.getKey() + "]";
            if (s.getCredentialsId() == null) {
                v.error(f, "names no credential.", "Give the id of the secret text credential holding the value.");
            } else if (!seen.add(s.getKey())) {
                v.error(f, "is given twice.", "Keep one entry per key.");
            } else {
                out.add(s.toRef());
            }
        }
        return out;
    }

    static Retention retention(String value, Validation v) {
        if (value == null) {
            return Retention.KEEP_ON_FAILURE;
        }
        String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Retention r : Retention.values()) {
            if (r.name().equals(normalised)) {
                return r;
            }
        }
        v.error("retention", "'" + value + "' is not a retention policy.", "Use delete, keep or keep_on_failure.");
        return Retention.KEEP_ON_FAILURE;
    }

    public String getRegion() {
        return region;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getRoleArn() {
        return roleArn;
    }

    public boolean isWait() {
        return waitForCompletion;
    }

    public boolean isPropagate() {
        return propagate;
    }

    public String getStartTimeout() {
        return startTimeout;
    }

    public String getTimeout() {
        return timeout;
    }

    public String getApiUnreachableTimeout() {
        return apiUnreachableTimeout;
    }

    public boolean isFollowLogs() {
        return followLogs;
    }

    public boolean isSparkInsight() {
        return sparkInsight;
    }

    public boolean isFailOnSparkJobFailure() {
        return failOnSparkJobFailure;
    }

    @DataBoundSetter
    public void setSparkInsight(boolean sparkInsight) {
        this.sparkInsight = sparkInsight;
    }

    @DataBoundSetter
    public void setFailOnSparkJobFailure(boolean failOnSparkJobFailure) {
        this.failOnSparkJobFailure = failOnSparkJobFailure;
    }

    public List<SecretValue> getSecretConf() {
        return secretConf;
    }

    public List<SecretValue> getSecretEnv() {
        return secretEnv;
    }

    /** AWS region id; default: the global configuration's. */
    @DataBoundSetter
    public void setRegion(String region) {
        this.region = StepValues.text(region);
    }

    /** AWS credentials id; default: the global configuration's, then the controller's default chain. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = StepValues.text(credentialsId);
    }

    /** IAM role to assume; default: the global configuration's. */
    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = StepValues.text(roleArn);
    }

    /** false returns once the job is submitted, with its current state. */
    @DataBoundSetter
    public void setWait(boolean wait) {
        this.waitForCompletion = wait;
    }

    /** false returns the result of a failed job instead of failing the build. */
    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    /** Longest time before the driver runs, e.g. {@code 10m}. */
    @DataBoundSetter
    public void setStartTimeout(String startTimeout) {
        this.startTimeout = StepValues.text(startTimeout);
    }

    /** How long the API may fail every look at the job before the wait ends UNKNOWN, e.g. {@code 15m}. */
    @DataBoundSetter
    public void setApiUnreachableTimeout(String apiUnreachableTimeout) {
        this.apiUnreachableTimeout = StepValues.text(apiUnreachableTimeout);
    }

    /** Longest time from submission to the end, e.g. {@code 2h}. */
    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = StepValues.text(timeout);
    }

    /** false keeps driver log lines out of the console. */
    @DataBoundSetter
    public void setFollowLogs(boolean followLogs) {
        this.followLogs = followLogs;
    }

    /** Spark conf whose values come from secret text credentials, resolved at run time and never stored. */
    @DataBoundSetter
    public void setSecretConf(List<SecretValue> secretConf) {
        this.secretConf = secretValues(secretConf);
    }

    /** Driver and executor environment variables whose values come from secret text credentials. */
    @DataBoundSetter
    public void setSecretEnv(List<SecretValue> secretEnv) {
        this.secretEnv = secretValues(secretEnv);
    }

    private static List<SecretValue> secretValues(List<SecretValue> in) {
        return in == null || in.isEmpty()
                ? null
                : List.copyOf(in.stream().filter(Objects::nonNull).toList());
    }
}
