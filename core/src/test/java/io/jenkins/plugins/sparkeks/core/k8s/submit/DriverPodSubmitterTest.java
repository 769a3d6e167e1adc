package io.jenkins.plugins.sparkeks.core.k8s.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.SubmissionRecords;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrSparkImages;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class DriverPodSubmitterTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final ClusterCoordinates CLUSTER = ClusterCoordinates.eks("us-west-2", "test");

    private final RecordingObserver observer = new RecordingObserver();

    private DriverPodSubmitter submitter() {
        return new DriverPodSubmitter(client, CLUSTER, new DriverSpecBuilder(Clock.systemUTC(), EmrSparkImages.bundled()),
                new SparkSubmitValidator());
    }

    private static SparkSubmitRequest request(String ns) {
        return SparkSubmitRequest.builder("etl").namespace(ns).mainClass("com.example.Main")
                .primaryResource("local:///opt/app/app.jar").env("DB_PASSWORD", "TOPSECRET").build();
    }

    private static List<Pod> pods(String ns) {
        return client.pods().inNamespace(ns).list().getItems();
    }

    /** The driver's own ConfigMaps (not the submission records, which outlive it). */
    private static List<ConfigMap> configMaps(String ns) {
        return client.configMaps().inNamespace(ns).withoutLabel(io.jenkins.plugins.sparkeks.core.k8s.SubmissionRecords.RECORD_LABEL)
                .list().getItems();
    }

    private static List<Service> services(String ns) {
        return client.services().inNamespace(ns).list().getItems();
    }

    @Test
    void createsThePodThenItsServiceAndConfigMapOwnedByIt() {
        SubmissionKey key = new SubmissionKey("job/1#1");
        DriverPodReference ref = submitter().submit(request("create"), key, observer);

        Pod pod = client.pods().inNamespace("create").withName(ref.podName()).get();
        assertThat(pod).isNotNull();
        assertThat(ref.podUid()).isEqualTo(pod.getMetadata().getUid());
        assertThat(ref.sparkAppId()).isEqualTo("spark-" + key.hash(32));
        assertThat(ref.submissionKeyHash()).isEqualTo(key.hash(32));
        assertThat(ref.cluster()).isEqualTo(CLUSTER);
        assertThat(pod.getMetadata().getLabels()).containsEntry(SparkLabels.SUBMISSION_KEY, key.hash(32));
        assertThat(pod.getSpec().getContainers().get(0).getImage())
                .isEqualTo("895885662937.dkr.ecr.us-west-2.amazonaws.com/spark/emr-7.12.0:latest");
        for (HasMetadata owned : List.<HasMetadata>of(configMaps("create").get(0), services("create").get(0))) {
            assertThat(owned.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
                assertThat(o.getKind()).isEqualTo("Pod");
                assertThat(o.getName()).isEqualTo(ref.podName());
                assertThat(o.getUid()).isEqualTo(pod.getMetadata().getUid());
                assertThat(o.getController()).isTrue();
            });
        }
        assertThat(observer.submitted).containsExactly(ref);
    }

    @Test
    void anExecutorTemplateGetsItsOwnedConfigMap() {
        DriverPodReference ref = submitter().submit(request("exectemplate").toBuilder()
                .executorPodTemplate("apiVersion: v1\nkind: Pod\nspec: {}\n").build(), new SubmissionKey("job/10#1"), observer);
        assertThat(configMaps("exectemplate")).hasSize(2).allSatisfy(c ->
                assertThat(c.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(ref.podUid()));
    }

    @Test
    void resubmittingWithTheSameKeyAttachesAndCreatesNothing() {
        SubmissionKey key = new SubmissionKey("job/2#1");
        DriverPodReference first = submitter().submit(request("again"), key, JobObserver.NONE);
        String podVersion = pods("again").get(0).getMetadata().getResourceVersion();
        String mapVersion = configMaps("again").get(0).getMetadata().getResourceVersion();

        DriverPodReference second = submitter().submit(request("again"), key, observer);

        assertThat(second).isEqualTo(first);
        assertThat(pods("again")).singleElement().satisfies(p -> assertThat(p.getMetadata().getResourceVersion()).isEqualTo(podVersion));
        assertThat(configMaps("again")).singleElement().satisfies(c -> assertThat(c.getMetadata().getResourceVersion()).isEqualTo(mapVersion));
        assertThat(services("again")).hasSize(1);
        assertThat(observer.submitted).containsExactly(first);
        assertThat(observer.diagnostics).anySatisfy(d -> assertThat(d).contains("already exists", "attaching"));
    }

    @Test
    void aDifferentKeyStartsAnotherDriver() {
        DriverPodReference a = submitter().submit(request("two"), new SubmissionKey("job/3#1"), JobObserver.NONE);
        DriverPodReference b = submitter().submit(request("two"), new SubmissionKey("job/3#2"), JobObserver.NONE);
        assertThat(b.podName()).isNotEqualTo(a.podName());
        assertThat(pods("two")).hasSize(2);
        assertThat(configMaps("two")).hasSize(2);
        assertThat(services("two")).hasSize(2);
    }

    @Test
    void theServiceAndConfigMapAreCreatedAtTheSameTime() {
        long slow = 1000; // each of the two owned creates answers this late; one after another would take twice that
        server.expect().post().delay(slow).withPath("/api/v1/namespaces/together/services")
                .andReturn(201, new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("svc")
                        .withNamespace("together").endMetadata().build())
                .once();
        server.expect().post().delay(slow).withPath("/api/v1/namespaces/together/configmaps")
                .andReturn(201, new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("conf")
                        .withNamespace("together").endMetadata().build())
                .once();
        submitter().submit(request("warmup"), new SubmissionKey("job/together#0"), observer);

        long start = System.nanoTime();
        submitter().submit(request("together"), new SubmissionKey("job/together#1"), observer);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMillis).isBetween(slow, 2 * slow - 200);
        assertThat(pods("together")).hasSize(1);
        assertThat(observer.submitted).hasSize(2);
    }

    @Test
    void independentRequestsAreSentWithoutWaitingForEachOther() throws Exception {
        // Each request below is held in the client until its partners are in flight too: sent one after another,
        // the first would be held until the barrier gives up and the submit would fail.
        String ns = "overlap";
        CyclicBarrier reads = new CyclicBarrier(2); // the key's record, the drivers labelled with the key
        CyclicBarrier creates = new CyclicBarrier(3); // Service, spark.properties ConfigMap, submission record
        Interceptor holding = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                String path = request.uri().getPath();
                if (!path.startsWith("/api/v1/namespaces/" + ns + "/")) {
                    return;
                }
                boolean read = "GET".equals(request.method())
                        && (path.contains("/configmaps/spark-on-eks-submission-") || path.endsWith("/pods"));
                boolean create = "POST".equals(request.method())
                        && (path.endsWith("/services") || path.endsWith("/configmaps"));
                try {
                    if (read) {
                        reads.await(20, TimeUnit.SECONDS);
                    } else if (create) {
                        creates.await(20, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IllegalStateException("request " + request.method() + " " + path + " was sent alone", e);
                }
            }
        };
        try (KubernetesClient holdingClient = new KubernetesClientBuilder().withConfig(client.getConfiguration())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("hold", holding)).build()) {
            DriverPodReference ref = new DriverPodSubmitter(holdingClient, CLUSTER,
                    new DriverSpecBuilder(Clock.systemUTC(), EmrSparkImages.bundled()), new SparkSubmitValidator())
                    .submit(request(ns), new SubmissionKey("job/overlap#1"), observer);

            assertThat(pods(ns)).singleElement().satisfies(p -> assertThat(p.getMetadata().getName()).isEqualTo(ref.podName()));
            assertThat(configMaps(ns)).hasSize(1);
            assertThat(services(ns)).hasSize(1);
            assertThat(client.configMaps().inNamespace(ns).withName(SubmissionRecords.submissionName(ref.submissionKeyHash()))
                    .get()).isNotNull();
        }
    }

    @Test
    void aFailedSubmitCanBeRetriedUnderTheSameKey() {
        // the submission record is written beside the Service: a failed submit must take it back, or the retry
        // would be reported as a repeat of a job that never ran
        server.expect().post().withPath("/api/v1/namespaces/retry/services")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("services is forbidden").build())
                .once();
        SubmissionKey key = new SubmissionKey("job/retry#1");
        assertThatThrownBy(() -> submitter().submit(request("retry"), key, observer)).isInstanceOf(JobException.class);

        DriverPodReference ref = submitter().submit(request("retry"), key, observer);

        assertThat(pods("retry")).singleElement().satisfies(p -> assertThat(p.getMetadata().getUid()).isEqualTo(ref.podUid()));
        assertThat(services("retry")).hasSize(1);
    }

    @Test
    void aRejectedServiceLeavesNothingBehind() {
        server.expect().post().withPath("/api/v1/namespaces/svcfail/services")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("services is forbidden: User \"ci\" cannot create resource \"services\"").build())
                .once();

        assertThatThrownBy(() -> submitter().submit(request("svcfail"), new SubmissionKey("job/4#1"), observer))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("Could not create Service svcfail/")
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("kubectl auth can-i create service -n svcfail");
        assertThat(pods("svcfail")).isEmpty();
        assertThat(configMaps("svcfail")).isEmpty();
        assertThat(services("svcfail")).isEmpty();
        assertThat(observer.submitted).isEmpty();
    }

    @Test
    void aRejectedConfigMapRemovesThePodAndService() {
        // twice: the submission record is a ConfigMap too, written at the same time, and may come first
        server.expect().post().withPath("/api/v1/namespaces/cmfail/configmaps")
                .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid")
                        .withMessage("ConfigMap is invalid: data: Too long: must have at most 1048576 bytes").build())
                .times(2);

        assertThatThrownBy(() -> submitter().submit(request("cmfail"), new SubmissionKey("job/5#1"), observer))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("Could not create ConfigMap cmfail/")
                .hasMessageContaining("Too long");
        assertThat(pods("cmfail")).isEmpty();
        assertThat(services("cmfail")).isEmpty();
    }

    @Test
    void aForbiddenPodGivesTheRbacHintAndNeverEchoesValues() {
        server.expect().post().withPath("/api/v1/namespaces/podfail/pods")
                .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid")
                        .withMessage("Pod \"x\" is invalid: spec.containers[0].env[5].value: Invalid value: \"TOPSECRET\"").build())
                .once();
        server.expect().post().withPath("/api/v1/namespaces/podfail2/pods")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("pods is forbidden").build())
                .once();

        assertThatThrownBy(() -> submitter().submit(request("podfail"), new SubmissionKey("job/6#1"), observer))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("Could not create driver pod podfail/")
                .hasMessageNotContaining("TOPSECRET");
        assertThatThrownBy(() -> submitter().submit(request("podfail2"), new SubmissionKey("job/6#2"), observer))
                .hasMessageContaining("kubectl auth can-i create pod -n podfail2");
        assertThat(pods("podfail")).isEmpty();
        assertThat(configMaps("podfail")).isEmpty();
    }

    @Test
    void invalidInputFailsBeforeAnyRemoteCall() {
        int before = server.getRequestCount();
        assertThatThrownBy(() -> submitter().submit(request("invalid").toBuilder().driverMemory("lots").build(),
                new SubmissionKey("job/7#1"), observer))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("driverMemory");
        assertThat(server.getRequestCount()).isEqualTo(before);
    }

    @Test
    void attachingRecreatesAConfigMapLostInACrash() {
        SubmissionKey key = new SubmissionKey("job/8#1");
        DriverPodReference ref = submitter().submit(request("repair"), key, JobObserver.NONE);
        client.configMaps().inNamespace("repair").delete();
        assertThat(configMaps("repair")).isEmpty();

        assertThat(submitter().submit(request("repair"), key, JobObserver.NONE)).isEqualTo(ref);

        assertThat(configMaps("repair")).singleElement()
                .satisfies(c -> assertThat(c.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(ref.podUid()));
        assertThat(pods("repair")).hasSize(1);
    }

    @Test
    void aForeignPodWithTheSameNameIsNotTakenOver() {
        SubmissionKey key = new SubmissionKey("job/9#1");
        String name = DriverNames.of("etl", key).podName();
        client.pods().inNamespace("foreign").resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("x").endContainer().endSpec().build()).create();

        assertThatThrownBy(() -> submitter().submit(request("foreign"), key, observer))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("was not created for this submission");
        assertThat(configMaps("foreign")).isEmpty();
    }

    private static final class RecordingObserver implements JobObserver {
        final List<JobReference> submitted = new CopyOnWriteArrayList<>();
        final List<String> diagnostics = new CopyOnWriteArrayList<>();

        @Override
        public void submitted(JobReference reference) {
            submitted.add(reference);
        }

        @Override
        public void diagnostic(String line) {
            diagnostics.add(line);
        }
    }
}
