package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.job.SpecFingerprint;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SensitiveKeys;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spec fingerprint of a StartJobRun, kept as a tag on the run. EMR keeps a client token's run and returns it
 * for a later StartJobRun with the same token whatever that request says, so this tag is how a reused submission
 * key with a different spec is recognised.
 */
public final class EmrSpecFingerprints {

    /** The tag holding the fingerprint of the request that started the run. */
    public static final String TAG = "spark-on-eks/spec-fingerprint";

    // key=value pairs inside sparkSubmitParameters (e.g. --conf spark.x.password=...): secret values are left out
    private static final Pattern PAIR = Pattern.compile("([^\\s=]+)=(\\S*)");

    private EmrSpecFingerprints() {}

    public static SpecFingerprint of(EmrJobRequest r) {
        EmrJobDriver driver = r.jobDriver();
        if (driver instanceof EmrJobDriver.SparkSubmit s && s.sparkSubmitParameters() != null) {
            driver = new EmrJobDriver.SparkSubmit(s.entryPoint(), s.entryPointArguments(), withoutSecrets(s.sparkSubmitParameters()));
        }
        // the virtual cluster is the token's scope, not part of the spec: naming it by id or by name is the same job
        EmrJobRequest canonical = new EmrJobRequest(r.name(), null, null, null,
                r.executionRoleArn(), r.releaseLabel(), driver, r.applicationConfiguration(), r.monitoring(),
                r.retryMaxAttempts(), r.tags(), r.jobTemplateId(), r.jobTemplateParameters());
        return SpecFingerprint.of(canonical, Set.of(), SensitiveKeys::isSensitive);
    }

    static String withoutSecrets(String parameters) {
        Matcher m = PAIR.matcher(parameters);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(SensitiveKeys.isSensitive(m.group(1)) ? m.group(1) + "=" : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
