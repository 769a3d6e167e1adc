package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Objects;

/**
 * One operator's SparkApplication at one API version: what we create and what a reference names.
 *
 * @param kind    which operator
 * @param version the API version, e.g. {@code v1}
 */
public record OperatorApi(OperatorKind kind, String version) {

    public static final OperatorApi KUBEFLOW = new OperatorApi(OperatorKind.KUBEFLOW, "v1beta2");
    public static final OperatorApi APACHE = new OperatorApi(OperatorKind.APACHE, "v1");

    public OperatorApi {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
    }

    /** {@code group/version}; null gives the Kubeflow API that references made before the Apache mode used. */
    public static OperatorApi of(String apiVersion) {
        if (apiVersion == null) {
            return KUBEFLOW;
        }
        OperatorKind kind = OperatorKind.ofApiVersion(apiVersion);
        if (kind == null) {
            throw new IllegalArgumentException("'" + apiVersion + "' is not a SparkApplication API of a known operator");
        }
        return new OperatorApi(kind, apiVersion.substring(kind.group().length() + 1));
    }

    public String apiVersion() {
        return kind.group() + "/" + version;
    }

    public ResourceDefinitionContext context() {
        return kind.context(version);
    }
}
