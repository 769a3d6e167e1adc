package io.jenkins.plugins.sparkeks.core.k8s.submit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;

/** Makes one operator's SparkApplication from a request; named from the key, so a retried submit finds it again. */
public interface SparkApplicationFactory {

    /** The resource this factory makes (group, version, plural). */
    ResourceDefinitionContext context();

    /**
     * @param request a request that passed {@link SparkSubmitValidator}
     * @param region  the cluster's AWS region for the default image; null outside AWS
     */
    GenericKubernetesResource build(SparkSubmitRequest request, SubmissionKey key, String region);
}
