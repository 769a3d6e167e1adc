package io.jenkins.plugins.sparkeks.core.emr;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;

/**
 * Plays the ACK emrcontainers controller over one namespace: every JobRun without a status gets one, by default
 * the id of a StartJobRun on the emulated EMR. ACK's JobRun has no client token field, so each resource ACK sees is
 * a new run: the token is the resource's uid (a fresh one per resource, as the SDK would fill in).
 */
final class FakeAckController implements AutoCloseable {

    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    private FakeAckController(KubernetesClient client, String namespace,
            Function<GenericKubernetesResource, Map<String, Object>> status) {
        loop.scheduleWithFixedDelay(() -> {
            var jobRuns = client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN).inNamespace(namespace);
            for (GenericKubernetesResource jr : jobRuns.list().getItems()) {
                if (jr.getAdditionalProperties().get("status") == null) {
                    jr.getAdditionalProperties().put("status", status.apply(jr));
                    jobRuns.resource(jr).update();
                }
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** Starts each JobRun on {@code emr} and writes the run id into its status. */
    @SuppressWarnings("unchecked")
    static FakeAckController starting(KubernetesClient client, String namespace, EmrContainersClient emr) {
        return new FakeAckController(client, namespace, jr -> {
            Map<String, Object> spec = (Map<String, Object>) jr.getAdditionalProperties().get("spec");
            Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) spec.get("jobDriver"))
                    .get("sparkSubmitJobDriver");
            String uid = jr.getMetadata().getUid();
            String id = emr.startJobRun(b -> b.name((String) spec.get("name"))
                    .virtualClusterId((String) spec.get("virtualClusterID"))
                    .executionRoleArn((String) spec.get("executionRoleARN"))
                    .releaseLabel((String) spec.get("releaseLabel"))
                    .jobDriver(d -> d.sparkSubmitJobDriver(s -> s.entryPoint((String) driver.get("entryPoint"))))
                    .clientToken(uid != null ? uid : UUID.randomUUID().toString()))
                    .id();
            return Map.of("id", id, "state", "PENDING");
        });
    }

    /** Gives every JobRun a true {@code ACK.Terminal} condition with {@code message}, as when EMR refuses it. */
    static FakeAckController refusing(KubernetesClient client, String namespace, String message) {
        return new FakeAckController(client, namespace, jr -> Map.of("conditions",
                List.of(Map.of("type", "ACK.Terminal", "status", "True", "message", message))));
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
