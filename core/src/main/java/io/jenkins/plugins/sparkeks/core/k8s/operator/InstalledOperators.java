package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which operators' SparkApplication APIs a cluster serves, from API discovery ({@code /apis/<group>/<version>}),
 * which every authenticated user may read, unlike CRDs themselves.
 *
 * @param served each installed operator with the version we would use
 */
public record InstalledOperators(Map<OperatorKind, OperatorApi> served) {

    public InstalledOperators {
        served = Map.copyOf(served);
    }

    public static InstalledOperators discover(KubernetesClient client, String clusterName) {
        Map<OperatorKind, OperatorApi> served = new EnumMap<>(OperatorKind.class);
        for (OperatorKind kind : OperatorKind.values()) {
            for (String version : kind.versions()) {
                if (servesSparkApplications(client, kind.group() + "/" + version, clusterName)) {
                    served.put(kind, new OperatorApi(kind, version));
                    break;
                }
            }
        }
        return new InstalledOperators(served);
    }

    private static boolean servesSparkApplications(KubernetesClient client, String groupVersion, String clusterName) {
        APIResourceList list;
        try {
            list = client.getApiResources(groupVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw new JobException("Could not ask " + clusterName + " whether it serves " + groupVersion + " (HTTP "
                    + e.getCode() + "): " + e.getMessage(), e);
        }
        return list != null && list.getResources() != null
                && list.getResources().stream().anyMatch(r -> "sparkapplications".equals(r.getName()));
    }

    /**
     * The API {@code mode} asks for on this cluster. Refuses, before anything is created, an {@code operator} mode
     * the cluster cannot settle (both operators or none) and an operator asked for by name that is not installed.
     */
    public OperatorApi pick(SubmissionMode mode, String clusterName) {
        OperatorKind wanted = mode.operator();
        if (wanted != null) {
            OperatorApi api = served.get(wanted);
            if (api == null) {
                throw refused("the " + wanted.displayName() + " is not installed on " + clusterName + " (no " + wanted.crdName()
                        + " API is served).", alternative(wanted));
            }
            return api;
        }
        if (served.size() == 1) {
            return served.values().iterator().next();
        }
        if (served.isEmpty()) {
            throw refused("'operator' found no Spark operator on " + clusterName + ": neither "
                    + OperatorKind.KUBEFLOW.crdName() + " nor " + OperatorKind.APACHE.crdName() + " is served.",
                    "Install one (or ask the cluster admin), or use mode '" + SubmissionMode.SUBMIT.value()
                            + "' to create the driver pod directly.");
        }
        throw refused("'operator' is ambiguous on " + clusterName + ": both the " + OperatorKind.KUBEFLOW.displayName()
                + " (" + OperatorKind.KUBEFLOW.crdName() + ") and the " + OperatorKind.APACHE.displayName() + " ("
                + OperatorKind.APACHE.crdName() + ") are installed.", "Choose one: mode '"
                + SubmissionMode.OPERATOR_KUBEFLOW.value() + "' or mode '" + SubmissionMode.OPERATOR_APACHE.value() + "'.");
    }

    private String alternative(OperatorKind wanted) {
        OperatorKind other = wanted == OperatorKind.KUBEFLOW ? OperatorKind.APACHE : OperatorKind.KUBEFLOW;
        return served.containsKey(other)
                ? "The " + other.displayName() + " is installed: use mode '" + other.mode().value() + "' (or 'operator')."
                : "Install the " + wanted.displayName() + ", or use mode '" + SubmissionMode.SUBMIT.value() + "'.";
    }

    private static InvalidJobSpecException refused(String problem, String fix) {
        return new InvalidJobSpecException(List.of(new FieldError("mode", problem, fix)));
    }
}
