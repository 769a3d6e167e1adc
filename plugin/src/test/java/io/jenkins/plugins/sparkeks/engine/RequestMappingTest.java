package io.jenkins.plugins.sparkeks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobDriver;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrManagedLogs;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.k8s.submit.PodToleration;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import io.jenkins.plugins.sparkeks.steps.SparkSubmitEksStep;
import io.jenkins.plugins.sparkeks.steps.Toleration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestMappingTest {

    private static final SparkOnEksDefaults GLOBAL =
            new SparkOnEksDefaults("us-east-1", "prod", null, null, "spark-jobs", "spark", null, "/emr/logs", null);

    @Test
    void everySparkSubmitFieldReachesTheCoreRequest() {
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setName("etl");
        step.setMainClass("org.example.Etl");
        step.setMainApplicationFile("s3a://bucket/etl.jar");
        step.setAppArgs(List.of("--day", "1"));
        step.setConf(List.of("spark.sql.shuffle.partitions=64"));
        step.setJars(List.of("s3a://bucket/dep.jar"));
        step.setFiles(List.of("s3a://bucket/f.txt"));
        step.setDriverCores(2);
        step.setDriverMemory("2g");
        step.setExecutorInstances(3);
        step.setExecutorCores(4);
        step.setExecutorMemory("8g");
        step.setEmrRelease("emr-7.12.0");
        step.setDriverMemoryOverhead("512m");
        step.setExecutorMemoryOverhead("1g");
        step.setLabels(List.of("team=data"));
        step.setAnnotations(List.of("owner=ci"));
        step.setEnv(List.of("MODE=batch"));
        step.setNodeSelector(List.of("pool=spark"));
        step.setTolerations(List.of(toleration("spot", "Exists", "NoSchedule")));
        step.setImagePullPolicy("Always");
        step.setImagePullSecrets(List.of("regcred"));
        step.setSparkVersion("3.5.6");
        step.setSparkUser("spark");

        SparkSubmitRequest r = SparkSubmitRequests.from(step.toDefinition(GLOBAL));

        assertThat(r.appName()).isEqualTo("etl");
        assertThat(r.namespace()).isEqualTo("spark-jobs");
        assertThat(r.serviceAccount()).isEqualTo("spark");
        assertThat(r.mainClass()).isEqualTo("org.example.Etl");
        assertThat(r.primaryResource()).isEqualTo("s3a://bucket/etl.jar");
        assertThat(r.appArgs()).containsExactly("--day", "1");
        assertThat(r.conf()).containsEntry("spark.sql.shuffle.partitions", "64");
        assertThat(r.jars()).containsExactly("s3a://bucket/dep.jar");
        assertThat(r.files()).containsExactly("s3a://bucket/f.txt");
        assertThat(r.driverCores()).isEqualTo(2);
        assertThat(r.driverMemory()).isEqualTo("2g");
        assertThat(r.executorInstances()).isEqualTo(3);
        assertThat(r.executorCores()).isEqualTo(4);
        assertThat(r.executorMemory()).isEqualTo("8g");
        assertThat(r.emrRelease()).isEqualTo("emr-7.12.0");
        assertThat(r.driverMemoryOverhead()).isEqualTo("512m");
        assertThat(r.executorMemoryOverhead()).isEqualTo("1g");
        assertThat(r.labels()).containsEntry("team", "data");
        assertThat(r.annotations()).containsEntry("owner", "ci");
        assertThat(r.env()).containsEntry("MODE", "batch");
        assertThat(r.nodeSelector()).containsEntry("pool", "spark");
        assertThat(r.tolerations()).containsExactly(new PodToleration("spot", "Exists", null, "NoSchedule", null));
        assertThat(r.imagePullPolicy()).isEqualTo("Always");
        assertThat(r.imagePullSecrets()).containsExactly("regcred");
        assertThat(r.sparkVersion()).isEqualTo("3.5.6");
        assertThat(r.sparkUser()).isEqualTo("spark");
    }

    @Test
    void aNamespaceInConfWinsOverTheGlobalDefaultButNotOverTheStepParameter() {
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setName("etl");
        step.setMainApplicationFile("s3a://bucket/etl.py");
        step.setConf(List.of("spark.kubernetes.namespace=team-conf"));

        assertThat(SparkSubmitRequests.from(step.toDefinition(GLOBAL)).namespace())
                .isEqualTo("team-conf");

        step.setNamespace("team-step");
        SparkSubmitRequest both = SparkSubmitRequests.from(step.toDefinition(GLOBAL));
        // both given: kept apart so the validator can name the clash
        assertThat(both.namespace()).isEqualTo("team-step");
        assertThat(both.conf()).containsEntry("spark.kubernetes.namespace", "team-conf");
    }

    @Test
    void withoutANameTheApplicationIsNamedAsSparkSubmitWouldNameIt() {
        SparkSubmitEksStep jvm = new SparkSubmitEksStep();
        jvm.setMainClass("org.apache.spark.examples.SparkPi");
        jvm.setMainApplicationFile("local:///opt/spark/examples/jars/spark-examples.jar");
        SparkSubmitEksStep python = new SparkSubmitEksStep();
        python.setMainApplicationFile("s3a://bucket/jobs/etl.py");

        assertThat(SparkSubmitRequests.from(jvm.toDefinition(GLOBAL)).appName())
                .isEqualTo("org.apache.spark.examples.SparkPi");
        assertThat(SparkSubmitRequests.from(python.toDefinition(GLOBAL)).appName())
                .isEqualTo("etl.py");
    }

    @Test
    void aMalformedTolerationIsAFieldError() {
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setMainApplicationFile("local:///app.jar");
        step.setTolerations(List.of(toleration("spot", "exists", "NoSchedule")));

        assertThatThrownBy(() -> SparkSubmitRequests.from(step.toDefinition(GLOBAL)))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("tolerations")
                .hasMessageContaining("toleration 1 has operator 'exists'");
    }

    private static Toleration toleration(String key, String operator, String effect) {
        Toleration t = new Toleration();
        t.setKey(key);
        t.setOperator(operator);
        t.setEffect(effect);
        return t;
    }

    @Test
    void emrFieldsReachTheCoreRequest() {
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setVirtualClusterName("analytics");
        step.setExecutionRoleArn("arn:aws:iam::123456789012:role/job");
        step.setReleaseLabel("emr-7.5.0-latest");
        step.setEntryPoint("s3://bucket/app.py");
        step.setEntryPointArguments(List.of("a"));
        step.setSparkSubmitParameters("--conf spark.executor.cores=2");
        step.setConf(List.of("spark.executor.memory=4g"));
        step.setS3LogUri("s3://bucket/logs/");
        step.setAllowAwsToRetainLogs("disabled");
        step.setManagedLogsEncryptionKeyArn("arn:aws:kms:us-east-1:123456789012:key/abcd-1234");
        step.setTags(List.of("team=data"));
        step.setRetryMaxAttempts(3);

        EmrJobRequest r = EmrJobRequests.from(step.toDefinition(GLOBAL));

        assertThat(r.virtualClusterId()).isNull();
        assertThat(r.virtualClusterName()).isEqualTo("analytics");
        assertThat(r.eksClusterName()).isEqualTo("prod");
        assertThat(r.executionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/job");
        assertThat(r.releaseLabel()).isEqualTo("emr-7.5.0-latest");
        assertThat(r.jobDriver())
                .isEqualTo(new EmrJobDriver.SparkSubmit(
                        "s3://bucket/app.py", List.of("a"), "--conf spark.executor.cores=2"));
        assertThat(r.applicationConfiguration()).singleElement().satisfies(c -> {
            assertThat(c.classification()).isEqualTo("spark-defaults");
            assertThat(c.properties()).containsEntry("spark.executor.memory", "4g");
        });
        assertThat(r.monitoring().cloudWatchLogGroup()).isEqualTo("/emr/logs");
        assertThat(r.monitoring().s3LogUri()).isEqualTo("s3://bucket/logs/");
        assertThat(r.monitoring().managedLogs())
                .isEqualTo(new EmrManagedLogs(false, "arn:aws:kms:us-east-1:123456789012:key/abcd-1234"));
        assertThat(r.tags()).containsEntry("team", "data");
        assertThat(r.retryMaxAttempts()).isEqualTo(3);
    }
}
