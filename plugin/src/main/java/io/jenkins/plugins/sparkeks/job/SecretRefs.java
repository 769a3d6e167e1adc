package io.jenkins.plugins.sparkeks.job;

import java.io.Serializable;
import java.util.List;

/**
 * The secret conf and environment values a step was given, as credential references.
 *
 * @param conf Spark conf entries
 * @param env  environment variables of the driver and executors
 */
public record SecretRefs(List<SecretRef> conf, List<SecretRef> env) implements Serializable {

    public static final SecretRefs NONE = new SecretRefs(List.of(), List.of());

    public SecretRefs {
        conf = conf == null ? List.of() : List.copyOf(conf);
        env = env == null ? List.of() : List.copyOf(env);
    }

    public boolean isEmpty() {
        return conf.isEmpty() && env.isEmpty();
    }

    public List<String> confKeys() {
        return conf.stream().map(SecretRef::key).toList();
    }

    public List<String> envNames() {
        return env.stream().map(SecretRef::key).toList();
    }
}
