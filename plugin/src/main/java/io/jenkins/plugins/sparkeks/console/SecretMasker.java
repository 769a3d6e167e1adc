package io.jenkins.plugins.sparkeks.console;

import io.jenkins.plugins.sparkeks.job.EmrJobDefinition;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import io.jenkins.plugins.sparkeks.job.SparkSubmitDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Last line of defence before text reaches the build console: replaces the values of sensitive Spark conf
 * keys the job was given, {@code key=value} pairs whose key names a secret, and AWS access key ids. The core
 * already keeps secrets out of what it reports; driver output, however, is the user's program talking.
 */
public final class SecretMasker {

    static final String MASK = "****";
    private static final Pattern SENSITIVE_KEY =
            Pattern.compile("secret|password|passwd|token|credential|private.?key", Pattern.CASE_INSENSITIVE);
    private static final Pattern SENSITIVE_PAIR = Pattern.compile(
            "((?i)[\\w.\\-]*(?:secret|password|passwd|token|credential|private.?key)[\\w.\\-]*\\s*[=:]\\s*)([^\\s,;&\"']+)");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b");
    // short values would mask ordinary words; they are still caught by the key=value rule
    private static final int MIN_LITERAL_LENGTH = 4;

    private final List<String> literals;

    private SecretMasker(List<String> literals) {
        this.literals = literals;
    }

    /** A masker for the values of every sensitive key in {@code conf} (Spark conf, tags, template parameters). */
    public static SecretMasker forConf(Collection<Map<String, String>> confs) {
        List<String> values = new ArrayList<>();
        for (Map<String, String> conf : confs) {
            conf.forEach((k, v) -> {
                if (v != null && v.length() >= MIN_LITERAL_LENGTH && isSensitiveKey(k)) {
                    values.add(v);
                }
            });
        }
        // longest first, so that a secret containing another is replaced whole
        values.sort((a, b) -> b.length() - a.length());
        return new SecretMasker(List.copyOf(values));
    }

    /** A masker for the sensitive values a job definition carries in its Spark conf, tags and template parameters. */
    public static SecretMasker forDefinition(JobDefinition def) {
        if (def instanceof SparkSubmitDefinition s) {
            return forConf(List.of(s.conf(), s.pod().env()));
        }
        EmrJobDefinition e = (EmrJobDefinition) def;
        return forConf(List.of(e.conf(), e.tags(), e.jobTemplateParameters()));
    }

    public static boolean isSensitiveKey(String key) {
        return key != null
                && SENSITIVE_KEY.matcher(key.toLowerCase(Locale.ROOT)).find();
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : literals) {
            out = out.replace(secret, MASK);
        }
        out = SENSITIVE_PAIR.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + MASK);
        return ACCESS_KEY_ID.matcher(out).replaceAll(MASK);
    }
}
