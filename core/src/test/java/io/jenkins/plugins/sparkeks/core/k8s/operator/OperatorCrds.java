package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Installs an operator's SparkApplication CRD on the mock API server, with the versions the operator's chart
 * serves, so that API discovery ({@code /apis/<group>/<version>}) answers as on a real cluster.
 */
final class OperatorCrds {

    private OperatorCrds() {}

    static void install(KubernetesClient client, OperatorKind kind, String... versions) {
        List<CustomResourceDefinitionVersion> served = java.util.Arrays.stream(versions.length == 0
                ? kind.versions().toArray(String[]::new) : versions)
                .map(v -> new CustomResourceDefinitionVersionBuilder().withName(v).withServed(true)
                        .withStorage(v.equals(versions.length == 0 ? kind.versions().get(0) : versions[0]))
                        .withNewSubresources().withNewStatus().endStatus().endSubresources()
                        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                        .endOpenAPIV3Schema().endSchema()
                        .build())
                .toList();
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(kind.crdName()).endMetadata()
                .withNewSpec().withGroup(kind.group()).withScope("Namespaced")
                .withNewNames().withKind("SparkApplication").withPlural("sparkapplications").withSingular("sparkapplication").endNames()
                .withVersions(served)
                .endSpec()
                .build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    static void uninstall(KubernetesClient client, OperatorKind kind) {
        client.apiextensions().v1().customResourceDefinitions().withName(kind.crdName()).delete();
    }
}
