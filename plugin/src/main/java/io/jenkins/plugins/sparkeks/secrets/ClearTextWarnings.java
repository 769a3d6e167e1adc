package io.jenkins.plugins.sparkeks.secrets;

import io.jenkins.plugins.sparkeks.core.k8s.submit.SensitiveKeys;
import io.jenkins.plugins.sparkeks.job.EmrJobDefinition;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import io.jenkins.plugins.sparkeks.job.SparkSubmitDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Console warnings for values that look secret (by the core's rule for sensitive names) but were given in clear,
 * and so are stored in {@code config.xml} or the Pipeline's record of step arguments. Each names the key, never
 * the value.
 */
public final class ClearTextWarnings {

    private ClearTextWarnings() {}

    public static List<String> of(JobDefinition definition) {
        List<String> out = new ArrayList<>();
        if (definition instanceof SparkSubmitDefinition s) {
            add(out, "conf", s.conf(), "pass it as secretConf");
            add(out, "env", s.pod().env(), "pass it as secretEnv");
        } else if (definition instanceof EmrJobDefinition e) {
            add(out, "conf", e.conf(), "pass it as secretConf");
            add(out, "tags", e.tags(), "keep secrets out of tags");
            add(
                    out,
                    "jobTemplateParameters",
                    e.jobTemplateParameters(),
                    "pass the value as secretConf or secretEnv rather than through the template");
        }
        return out;
    }

    private static void add(List<String> out, String field, Map<String, String> values, String fix) {
        for (String key : values.keySet()) {
            if (SensitiveKeys.isSensitive(key) && !namesASecret(key)) {
                out.add("Warning: " + field + "[" + key + "] looks sensitive but is given in clear, so it is stored"
                        + " with the job and the build; " + fix + " with a secret text credential.");
            }
        }
    }

    /** Keys whose value is the name of a Kubernetes Secret, not a secret itself. */
    private static boolean namesASecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("secretkeyref.") || k.contains(".secrets.") || k.endsWith("pullsecrets");
    }
}
