package io.jenkins.plugins.sparkeks.secrets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Secret conf and env values read from their credentials for one submission. Lives only in memory, inside the
 * job engine of a running build: it is not serialisable and never printed.
 *
 * @param conf Spark conf key to value
 * @param env  environment variable name to value
 */
public record ResolvedSecrets(Map<String, String> conf, Map<String, String> env) {

    public static final ResolvedSecrets NONE = new ResolvedSecrets(Map.of(), Map.of());

    public ResolvedSecrets {
        conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /** Every value, for masking. */
    public List<String> values() {
        List<String> out = new ArrayList<>(conf.values());
        out.addAll(env.values());
        return out;
    }

    @Override
    public String toString() {
        return "ResolvedSecrets[conf keys=" + conf.keySet() + ", env names=" + env.keySet() + "]";
    }
}
