package io.jenkins.plugins.sparkeks.core.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.submit.RequestFingerprints;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPods;
import io.jenkins.plugins.sparkeks.core.k8s.watch.RecordingObserver;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A submission key runs one job, also after retention removed its driver pod. */
@EnableKubernetesMockClient(crud = true)
class SubmissionRecordsTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    static final String NS = "records";
    private ScheduledExecutorService scheduler;
    private DriverInformerRegistry informers;
    private KubernetesBackend backend;
    private DriverPods pods;

    @BeforeEach
    void setUp() {
        scheduler = Executors.newScheduledThreadPool(2);
        informers = new DriverInformerRegistry(scheduler);
        backend = new KubernetesBackend(client, DriverPods.CLUSTER, WatchMachinery.of(informers, scheduler));
        pods = new DriverPods(client, NS);
    }

    @AfterEach
    void tearDown() {
        informers.close();
        scheduler.shutdownNow();
    }

    static SparkSubmitRequest request(String name) {
        return SparkSubmitRequest.builder(name).namespace(NS).image("apache/spark:3.5.6")
                .mainClass("org.apache.spark.examples.SparkPi").primaryResource("local:///opt/spark/examples/jars/spark-examples.jar")
                .build();
    }

    private int driverPods(SubmissionKey key) {
        return client.pods().inNamespace(NS).withLabel(SparkLabels.SUBMISSION_KEY, key.hash(32)).list().getItems().size();
    }

    @Test
    void aRepeatAfterRetentionRemovedTheDriverReturnsTheRecordedOutcomeWithoutRunningAgain() {
        SubmissionKey key = new SubmissionKey("job/once#1");
        DriverPodReference first = backend.submit(request("once"), key, new RecordingObserver());
        var watch = backend.watch(first, WaitOptions.DEFAULT.withFollowLogs(false), new RecordingObserver());
        pods.terminated(first.podName(), "Succeeded", 0, "Completed");
        JobResult ended = watch.result().orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(ended.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(driverPods(key)).as("KEEP_ON_FAILURE deleted the succeeded driver").isZero();

        RecordingObserver again = new RecordingObserver();
        DriverPodReference second = backend.submit(request("once"), key, again);

        assertThat(driverPods(key)).as("runs started stays 1").isZero();
        assertThat(second.podName()).isEqualTo(first.podName());
        assertThat(again.diagnostics).anyMatch(d -> d.contains("already ran") && d.contains("not running it again"));
        JobResult repeated = backend.watch(second, WaitOptions.DEFAULT, again).result().orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(repeated.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(repeated.reason()).isEqualTo(ended.reason());
        assertThat(repeated.explanation()).anyMatch(l -> l.contains("recorded"));
        assertThat(backend.describe(second).state()).as("status agrees with the step").isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aRepeatWhoseOutcomeWasNeverRecordedIsUnknownButStillNotRunAgain() {
        SubmissionKey key = new SubmissionKey("job/crashed#1");
        DriverPodReference first = backend.submit(request("crashed"), key, JobObserver.NONE);
        pods.delete(first.podName()); // the controller died before it saw the end; someone removed the pod

        DriverPodReference second = backend.submit(request("crashed"), key, JobObserver.NONE);

        assertThat(driverPods(key)).isZero();
        JobResult r = backend.watch(second, WaitOptions.DEFAULT.withFollowLogs(false), JobObserver.NONE).result()
                .orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(r.state()).isEqualTo(JobState.UNKNOWN);
    }

    @Test
    void aDifferentApplicationUnderTheSameKeyIsRefusedNamingBoth() {
        SubmissionKey key = new SubmissionKey("job/reused#1");
        backend.submit(request("first-app"), key, JobObserver.NONE);
        String firstPrint = RequestFingerprints.of(request("first-app")).value();
        String otherPrint = RequestFingerprints.of(request("other-app")).value();

        assertThatThrownBy(() -> backend.submit(request("other-app"), key, JobObserver.NONE))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("'first-app'").hasMessageContaining(firstPrint)
                .hasMessageContaining("'other-app'").hasMessageContaining(otherPrint)
                .hasMessageContaining("job/reused#1");
        assertThat(driverPods(key)).isEqualTo(1);
    }

    @Test
    void theSameApplicationWithAnotherArgumentIsAnotherSpec() {
        SubmissionKey key = new SubmissionKey("job/args#1");
        backend.submit(request("args"), key, JobObserver.NONE);
        SparkSubmitRequest changed = request("args").toBuilder().appArgs(java.util.List.of("1000")).build();

        assertThatThrownBy(() -> backend.submit(changed, key, JobObserver.NONE)).hasMessageContaining("spec fingerprint");
    }

    @Test
    void theRecordsHoldNoSecretAndAreSweptOnceExpired() {
        SubmissionKey key = new SubmissionKey("job/secret#1");
        SparkSubmitRequest withSecret = request("secret").toBuilder()
                .secretConf("spark.hadoop.fs.s3a.secret.key", "hunter2-very-secret").build();
        DriverPodReference ref = backend.submit(withSecret, key, JobObserver.NONE);
        ConfigMap record = client.configMaps().inNamespace(NS).withName(SubmissionRecords.submissionName(ref.submissionKeyHash())).get();
        assertThat(record).isNotNull();
        assertThat(record.getData().toString()).doesNotContain("hunter2");
        assertThat(record.getImmutable()).isTrue();
        SparkSubmitRequest rotated = request("secret").toBuilder()
                .secretConf("spark.hadoop.fs.s3a.secret.key", "rotated").build();
        assertThat(RequestFingerprints.of(rotated)).as("a rotated secret is the same job").isEqualTo(RequestFingerprints.of(withSecret));

        Clock later = Clock.fixed(Instant.now().plus(SubmissionRecords.DEFAULT_LIFETIME).plus(Duration.ofHours(1)), ZoneOffset.UTC);
        int swept = new SubmissionRecords(client, SubmissionRecords.DEFAULT_LIFETIME, later).sweep(NS, JobObserver.NONE);

        assertThat(swept).isGreaterThanOrEqualTo(1);
        assertThat(client.configMaps().inNamespace(NS).withLabel(SubmissionRecords.RECORD_LABEL).list().getItems()).isEmpty();
        assertThat(new SubmissionRecords(client).sweep(NS, JobObserver.NONE)).as("nothing left to sweep").isZero();
    }

    @Test
    void aNamespaceIsSweptOncePerIntervalWhateverTheNumberOfSubmissions() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        String ns = "sweep-pace-" + System.nanoTime();
        SubmissionRecords first = new SubmissionRecords(client, SubmissionRecords.DEFAULT_LIFETIME, Clock.fixed(start, ZoneOffset.UTC));
        SubmissionRecords sameHour = new SubmissionRecords(client, SubmissionRecords.DEFAULT_LIFETIME,
                Clock.fixed(start.plus(SubmissionRecords.SWEEP_INTERVAL).minusSeconds(1), ZoneOffset.UTC));
        SubmissionRecords nextHour = new SubmissionRecords(client, SubmissionRecords.DEFAULT_LIFETIME,
                Clock.fixed(start.plus(SubmissionRecords.SWEEP_INTERVAL), ZoneOffset.UTC));

        assertThat(first.sweepDue(ns)).isTrue();
        assertThat(first.sweepDue(ns)).as("a second submission at once").isFalse();
        assertThat(sameHour.sweepDue(ns)).as("another backend in the same process, same hour").isFalse();
        assertThat(first.sweepDue(ns + "-other")).as("another namespace").isTrue();
        assertThat(nextHour.sweepDue(ns)).isTrue();
    }
}
