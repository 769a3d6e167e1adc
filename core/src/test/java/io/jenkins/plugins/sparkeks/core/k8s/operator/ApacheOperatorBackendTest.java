package io.jenkins.plugins.sparkeks.core.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPods;
import io.jenkins.plugins.sparkeks.core.k8s.watch.FakeLogServer;
import io.jenkins.plugins.sparkeks.core.k8s.watch.RecordingObserver;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mode {@code operator-apache} through the real path: the backend discovers {@code spark.apache.org/v1} on a CRUD
 * mock API server, creates the SparkApplication, and the shared watch follows what a fake operator writes.
 */
@EnableKubernetesMockClient(crud = true)
class ApacheOperatorBackendTest {

    static KubernetesMockServer server;
    static KubernetesClient mockClient;

    static final String NS = "spark";
    static FakeLogServer logServer;
    static KubernetesClient client;
    static ScheduledExecutorService scheduler;
    static WatchMachinery machinery;
    static SparkApplicationInformers informers;
    static SparkOperatorBackend backend;
    static FakeApacheOperator operator;

    @BeforeAll
    static void setUp() throws Exception {
        logServer = new FakeLogServer();
        client = server.createClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("logs", logServer.interceptor())));
        OperatorCrds.install(client, OperatorKind.APACHE);
        scheduler = Executors.newScheduledThreadPool(2);
        machinery = WatchMachinery.of(new DriverInformerRegistry(scheduler), scheduler);
        informers = new SparkApplicationInformers(scheduler);
        backend = new SparkOperatorBackend(client, DriverPods.CLUSTER, informers, machinery, SubmissionMode.OPERATOR_APACHE);
        operator = new FakeApacheOperator(client, NS, OperatorApi.APACHE);
    }

    @AfterAll
    static void tearDown() {
        informers.close();
        scheduler.shutdownNow();
        client.close();
        logServer.close();
    }

    static SparkApplicationReference submit(String name, WaitOptions options, RecordingObserver observer) {
        return backend.submit(SparkOperatorBackendTest.request(name), new SubmissionKey("job/" + name + "#1"), observer, options);
    }

    static JobResult resultOf(JobWatch watch) {
        return watch.result().orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    @SuppressWarnings("unchecked")
    void runningStatesToSucceededWithTheDriverLogAndOurRetentionAsTheOperatorsPolicy() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = submit("asf-pi", WaitOptions.DEFAULT, observer);
        assertThat(ref.apiVersion()).isEqualTo("spark.apache.org/v1");
        GenericKubernetesResource created = operator.get(ref.name());
        Map<String, Object> spec = (Map<String, Object>) created.getAdditionalProperties().get("spec");
        assertThat((Map<String, Object>) spec.get("applicationTolerations"))
                .containsEntry("resourceRetainPolicy", "OnFailure")
                .containsEntry("restartConfig", Map.of("restartPolicy", "Never"));
        assertThat(spec).containsEntry("mainClass", "org.apache.spark.examples.SparkPi")
                .containsEntry("jars", "local:///opt/spark/examples/jars/spark-examples.jar");
        assertThat((Map<String, Object>) spec.get("runtimeVersions")).containsKey("sparkVersion");
        assertThat((Map<String, String>) spec.get("sparkConf"))
                .containsEntry("spark.kubernetes.container.image", "apache/spark:3.5.6")
                .containsEntry("spark.kubernetes.driver.pod.name", ref.driverPodName())
                .doesNotContainKeys("spark.master", "spark.kubernetes.namespace", "spark.submit.deployMode");

        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);
        FakeLogServer.PodLog log = logServer.pod(NS, ref.driverPodName());
        operator.driverStarted(ref.name());
        operator.state(ref.name(), "RunningWithPartialCapacity", "2 of 4 executors are ready");
        log.line(Instant.parse("2026-12-04T12:00:00Z"), "Pi is roughly 3.14");
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.logTexts.contains("Pi is roughly 3.14"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.stateDetails.stream()
                .anyMatch(m -> m.contains("partial capacity") && m.contains("2 of 4 executors are ready")));
        assertThat(backend.describe(ref).nativeState()).isEqualTo("RunningWithPartialCapacity");
        assertThat(backend.describe(ref).state()).isEqualTo(JobState.RUNNING);

        log.finish();
        operator.driverExited(ref.name(), "Succeeded", 0, "Completed", "Succeeded", "Spark application completed successfully.");

        JobResult result = resultOf(watch);
        assertThat(result.backend()).isEqualTo(Backend.SPARK_OPERATOR);
        assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(result.nativeState()).isEqualTo("Succeeded");
        assertThat(result.exitCode()).isZero();
        assertThat(result.driverPod()).isEqualTo(ref.driverPodName());
        assertThat(observer.logTexts).containsExactly("Pi is roughly 3.14");
        assertThat(operator.get(ref.name())).as("KEEP_ON_FAILURE deletes a succeeded application").isNull();
    }

    @Test
    void driverStartTimedOutIsAFailureNamingTheOperatorsTimeout() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = submit("asf-nostart", WaitOptions.DEFAULT, observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);
        operator.state(ref.name(), "Submitted", "Spark application has been created on Kubernetes Cluster.");
        operator.pods().create(ref.driverPodName());
        operator.state(ref.name(), "DriverRequested", "Requested driver from resource scheduler.");
        operator.state(ref.name(), "DriverStartTimedOut", "Driver has not started within 300000 millis.");

        JobResult result = resultOf(watch);
        System.out.println("[asf-console] " + result.state() + " " + result.reason() + ": " + result.message());
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).isEqualTo("DriverStartTimedOut");
        assertThat(result.nativeState()).isEqualTo("DriverStartTimedOut");
        assertThat(result.message()).contains("driverStartTimeoutMillis", "Driver has not started within 300000 millis.");
        assertThat(result.explanation()).isNotEmpty();
        assertThat(operator.get(ref.name())).as("KEEP_ON_FAILURE keeps a failed application").isNotNull();
    }

    @Test
    void schedulingFailureEndsTheJobWithTheApiServersComplaint() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = submit("asf-sched", WaitOptions.DEFAULT.withFollowLogs(false), observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), observer);
        operator.state(ref.name(), "Submitted", "Spark application has been created on Kubernetes Cluster.");
        operator.state(ref.name(), "SchedulingFailure", "Failed to request driver from scheduler backend: pods \"x\" is"
                + " forbidden: exceeded quota: compute-resources");

        JobResult result = resultOf(watch);
        System.out.println("[asf-console] " + result.state() + " " + result.reason() + ": " + result.message());
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).isEqualTo("SchedulingFailure");
        assertThat(result.message()).contains("could not create the application's pods", "exceeded quota");
        assertThat(result.exitCode()).isNull();
        assertThat(observer.logTexts).isEmpty();
    }

    @Test
    void aFailureWithRestartsEndsOnlyWhenTheOperatorReleasesTheResourcesAndKeepsTheRecordedExitCode() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = submit("asf-restart", WaitOptions.DEFAULT.withFollowLogs(false), observer);
        // the user's conf cannot reach the restart policy, so play an application whose policy allows restarts
        client.genericKubernetesResources(OperatorApi.APACHE.context()).inNamespace(NS).withName(ref.name()).edit(a -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) a.getAdditionalProperties().get("spec");
            spec.put("applicationTolerations", Map.of("restartConfig", Map.of("restartPolicy", "OnFailure", "maxRestartAttempts", 0),
                    "resourceRetainPolicy", "Never"));
            return a;
        });
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), observer);
        operator.driverStarted(ref.name());
        operator.state(ref.name(), "RunningHealthy", "Application is running healthy.");
        operator.driverExited(ref.name(), "Failed", 1, "Error", "Failed", "Driver container failed with exit code 1.");
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.stateDetails.stream()
                .anyMatch(m -> m.contains("may restart it (restartPolicy OnFailure)")));
        assertThat(watch.result()).as("OnFailure may restart a Failed attempt").isNotDone();

        operator.released(ref.name());
        JobResult result = resultOf(watch);
        System.out.println("[asf-console] " + result.state() + " " + result.reason() + ": " + result.message());
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).as("the driver's own reason wins, as in the Kubeflow mode").isEqualTo("Error");
        assertThat(result.nativeState()).isEqualTo("ResourceReleased");
        assertThat(result.message()).contains("operator state Failed, then ResourceReleased", "exit code 1");
        assertThat(operator.pods().get(ref.driverPodName())).as("the operator released the driver").isNull();
        assertThat(result.exitCode()).as("from the driver status the operator recorded").isEqualTo(1);
    }

    @Test
    void cancelDeletesTheApplication() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = submit("asf-cancel", WaitOptions.DEFAULT.withFollowLogs(false), observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), observer);
        operator.driverStarted(ref.name());
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.states.contains(JobState.RUNNING));

        JobResult result = watch.cancel("aborted by user").orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(result.state()).isEqualTo(JobState.CANCELLED);
        assertThat(result.message()).contains("aborted by user");
        assertThat(operator.get(ref.name())).isNull();
        assertThat(backend.cancel(ref, Duration.ZERO).reason()).isEqualTo("SparkApplicationGone");
    }

    @Test
    void aFreshBackendResumesFromTheReferenceWithoutDiscoveryOrASecondApplication() {
        RecordingObserver first = new RecordingObserver();
        SubmissionKey key = new SubmissionKey("job/asf-resume#1");
        SparkApplicationReference ref = backend.submit(SparkOperatorBackendTest.request("asf-resume"), key, first,
                WaitOptions.DEFAULT.withRetention(Retention.KEEP));
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, first);
        FakeLogServer.PodLog log = logServer.pod(NS, ref.driverPodName());
        operator.driverStarted(ref.name());
        log.line(Instant.parse("2026-12-04T12:00:00Z"), "before restart");
        await().atMost(10, TimeUnit.SECONDS).until(() -> first.logTexts.contains("before restart"));
        SparkApplicationReference saved = (SparkApplicationReference) watch.reference();
        watch.detach();

        ScheduledExecutorService otherScheduler = Executors.newScheduledThreadPool(1);
        try (SparkApplicationInformers otherInformers = new SparkApplicationInformers(otherScheduler)) {
            // the Kubeflow-only constructor: a reference's apiVersion alone must lead to the Apache application
            SparkOperatorBackend fresh = new SparkOperatorBackend(client, DriverPods.CLUSTER, otherInformers,
                    WatchMachinery.of(new DriverInformerRegistry(otherScheduler), otherScheduler));
            RecordingObserver second = new RecordingObserver();
            JobWatch resumed = fresh.watch(saved, WaitOptions.DEFAULT.withRetention(Retention.KEEP), second);
            log.line(Instant.parse("2026-12-04T12:00:01Z"), "after restart");
            log.finish();
            operator.driverExited(ref.name(), "Succeeded", 0, "Completed", "Succeeded", "done");

            JobResult result = resultOf(resumed);
            assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(second.logTexts).containsExactly("after restart");
            assertThat(fresh.describe(saved).state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(client.genericKubernetesResources(OperatorApi.APACHE.context()).inNamespace(NS).list().getItems())
                    .filteredOn(a -> a.getMetadata().getName().equals(ref.name())).hasSize(1);
        } finally {
            otherScheduler.shutdownNow();
        }
    }
}
