package io.jenkins.plugins.sparkeks.core.k8s.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A kubeconfig checked before any connection: it parses, the wanted context exists and names a cluster with a server.
 * Error messages name contexts and clusters but never repeat the document, which holds credentials.
 *
 * @param parsed    the whole document
 * @param context   the context that will be used (the requested one, or the current-context)
 * @param server    that context's API server URL
 * @param namespace that context's namespace, or null
 */
record KubeconfigDocument(Config parsed, String context, String server, String namespace) {

    @Override
    public String toString() {
        return "KubeconfigDocument[context=" + context + ", server=" + server + "]";
    }

    private static final String FIELD = "kubeconfig";
    private static final String CONTEXT_FIELD = "context";

    static KubeconfigDocument check(String content, String requestedContext) {
        Config config = parse(content);
        List<String> names = Optional.ofNullable(config.getContexts()).orElse(List.of()).stream()
                .map(NamedContext::getName).filter(Objects::nonNull).toList();
        Validation v = new Validation();
        if (names.isEmpty()) {
            v.error(FIELD, "defines no contexts.", "Give a kubeconfig with at least one context, as kubectl writes it.")
                    .throwIfInvalid();
        }
        String context = requestedContext;
        if (context == null) {
            context = config.getCurrentContext();
            if (context == null || context.isBlank()) {
                v.error(CONTEXT_FIELD, "is empty and the kubeconfig has no current-context.",
                        "Name one of its contexts: " + String.join(", ", names) + ".").throwIfInvalid();
            }
        }
        String chosen = context;
        NamedContext named = config.getContexts().stream().filter(c -> chosen.equals(c.getName())).findFirst()
                .orElse(null);
        if (named == null) {
            v.error(CONTEXT_FIELD, "'" + chosen + "' is not a context of the kubeconfig"
                            + (requestedContext == null ? " (it is its current-context)." : "."),
                    "Use one of: " + String.join(", ", names) + ".").throwIfInvalid();
        }
        String clusterName = named.getContext() == null ? null : named.getContext().getCluster();
        NamedCluster cluster = Optional.ofNullable(config.getClusters()).orElse(List.of()).stream()
                .filter(c -> c.getName() != null && c.getName().equals(clusterName)).findFirst().orElse(null);
        String server = cluster == null || cluster.getCluster() == null ? null : cluster.getCluster().getServer();
        if (server == null || server.isBlank()) {
            v.error(FIELD, "context '" + chosen + "' refers to cluster '" + clusterName
                            + "', which is missing or has no server URL.",
                    "Add that cluster with its server to the kubeconfig, or choose another context.").throwIfInvalid();
        }
        return new KubeconfigDocument(config, chosen, server, named.getContext().getNamespace());
    }

    private static Config parse(String content) {
        Config config;
        try {
            config = new KubernetesSerialization().unmarshal(content, Config.class);
        } catch (RuntimeException e) {
            // the parser's own message quotes the offending text, which may be a key: report the position only
            throw invalidDocument(position(e));
        }
        if (config == null) {
            throw invalidDocument("");
        }
        return config;
    }

    private static String position(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException json && json.getLocation() != null) {
                return " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
            }
        }
        return "";
    }

    private static InvalidJobSpecException invalidDocument(String where) {
        return new InvalidJobSpecException(List.of(new FieldError(FIELD,
                "is not a valid kubeconfig document" + where + ".",
                "Give the whole kubeconfig YAML file as kubectl writes it.")));
    }
}
