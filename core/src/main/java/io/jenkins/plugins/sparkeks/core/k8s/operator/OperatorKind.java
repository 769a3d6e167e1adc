package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/**
 * The two Spark operators whose SparkApplication we can create. Both call their resource SparkApplication, so the
 * API group is what tells them apart.
 */
public enum OperatorKind {
    /** The Kubeflow Spark Operator ({@code sparkoperator.k8s.io}). */
    KUBEFLOW("sparkoperator.k8s.io", List.of("v1beta2"), "Kubeflow Spark Operator"),
    /** The Apache Spark Kubernetes Operator ({@code spark.apache.org}); {@code v1} since 0.5, {@code v1beta1} in 0.3-0.4. */
    APACHE("spark.apache.org", List.of("v1", "v1beta1"), "Apache Spark Kubernetes Operator");

    private final String group;
    private final List<String> versions;
    private final String displayName;

    OperatorKind(String group, List<String> versions, String displayName) {
        this.group = group;
        this.versions = versions;
        this.displayName = displayName;
    }

    public String group() {
        return group;
    }

    /** The versions we can read, most preferred first. */
    public List<String> versions() {
        return versions;
    }

    public String displayName() {
        return displayName;
    }

    /** The CRD's name, as {@code kubectl get crd} shows it. */
    public String crdName() {
        return "sparkapplications." + group;
    }

    /** The mode value that asks for this operator by name. */
    public SubmissionMode mode() {
        return this == KUBEFLOW ? SubmissionMode.OPERATOR_KUBEFLOW : SubmissionMode.OPERATOR_APACHE;
    }

    public ResourceDefinitionContext context(String version) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind("SparkApplication")
                .withPlural("sparkapplications").withNamespaced(true).build();
    }

    /** The operator an {@code apiVersion} such as {@code spark.apache.org/v1} belongs to; null for neither. */
    public static OperatorKind ofApiVersion(String apiVersion) {
        for (OperatorKind k : values()) {
            if (apiVersion != null && apiVersion.startsWith(k.group + "/")) {
                return k;
            }
        }
        return null;
    }
}
