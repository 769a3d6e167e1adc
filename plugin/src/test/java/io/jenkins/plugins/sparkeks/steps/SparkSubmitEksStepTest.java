package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.insight.InsightOptions;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.k8s.operator.SubmissionMode;
import io.jenkins.plugins.sparkeks.job.SparkSubmitDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SparkSubmitEksStepTest {

    private static final SparkOnEksDefaults GLOBAL = new SparkOnEksDefaults(
            "eu-west-1",
            "prod",
            "aws-ci",
            "arn:aws:iam::123456789012:role/spark",
            "spark-jobs",
            "spark-sa",
            "repo/spark:3.5",
            "/spark/logs",
            null);

    private static SparkSubmitEksStep minimal() {
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setMainApplicationFile("local:///opt/spark/examples/jars/spark-examples.jar");
        return step;
    }

    @Test
    void defaultsComeFromTheGlobalConfiguration() {
        SparkSubmitDefinition d = minimal().toDefinition(GLOBAL);

        assertThat(d.target().aws().region()).isEqualTo("eu-west-1");
        assertThat(d.target().aws().credentialsId()).isEqualTo("aws-ci");
        assertThat(d.target().aws().roleArn()).isEqualTo("arn:aws:iam::123456789012:role/spark");
        assertThat(d.target().clusterName()).isEqualTo("prod");
        assertThat(d.target().isEks()).isTrue();
        assertThat(d.namespace()).isEqualTo("spark-jobs");
        assertThat(d.serviceAccount()).isEqualTo("spark-sa");
        assertThat(d.image()).isEqualTo("repo/spark:3.5");
        assertThat(d.sparkOperator()).isFalse();
    }

    @Test
    void stepValuesWinOverGlobalOnes() {
        SparkSubmitEksStep step = minimal();
        step.setRegion("us-east-1");
        step.setClusterName("dev");
        step.setNamespace("team-a");
        step.setImage("my/spark:4.0");

        SparkSubmitDefinition d = step.toDefinition(GLOBAL);

        assertThat(d.target().aws().region()).isEqualTo("us-east-1");
        assertThat(d.target().clusterName()).isEqualTo("dev");
        assertThat(d.namespace()).isEqualTo("team-a");
        assertThat(d.image()).isEqualTo("my/spark:4.0");
    }

    @Test
    void waitingOptionsHaveSafeDefaults() {
        SparkSubmitDefinition d = minimal().toDefinition(GLOBAL);

        assertThat(d.waitSettings().waitForCompletion()).isTrue();
        assertThat(d.waitSettings().propagate()).isTrue();
        assertThat(d.waitSettings().followLogs()).isTrue();
        assertThat(d.waitSettings().startTimeout()).isNull();
        assertThat(d.waitSettings().timeout()).isNull();
        assertThat(d.waitSettings().retention()).isEqualTo(Retention.KEEP_ON_FAILURE);
        assertThat(d.waitSettings().toWaitOptions().stallGracePeriod()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void sparkInsightIsOnAndFailsOnFailedSparkJobsUnlessTurnedOff() {
        InsightOptions byDefault = minimal().toDefinition(GLOBAL).waitSettings().insightOptions();
        assertThat(byDefault.enabled()).isTrue();
        assertThat(byDefault.failOnSparkJobFailure()).isTrue();

        SparkSubmitEksStep step = minimal();
        step.setFailOnSparkJobFailure(false);
        InsightOptions tolerant = step.toDefinition(GLOBAL).waitSettings().insightOptions();
        assertThat(tolerant.enabled()).isTrue();
        assertThat(tolerant.failOnSparkJobFailure()).isFalse();
        assertThat(step.isFailOnSparkJobFailure()).isFalse();

        step.setSparkInsight(false);
        assertThat(step.toDefinition(GLOBAL).waitSettings().insightOptions().enabled())
                .isFalse();
        assertThat(step.isSparkInsight()).isFalse();
    }

    @Test
    void waitingOptionsAreBound() {
        SparkSubmitEksStep step = minimal();
        step.setWait(false);
        step.setPropagate(false);
        step.setFollowLogs(false);
        step.setStartTimeout("10m");
        step.setTimeout("2h");
        step.setRetention("Delete");
        step.setStallGracePeriod("90s");

        SparkSubmitDefinition d = step.toDefinition(GLOBAL);

        assertThat(d.waitSettings().waitForCompletion()).isFalse();
        assertThat(d.waitSettings().propagate()).isFalse();
        assertThat(d.waitSettings().followLogs()).isFalse();
        assertThat(d.waitSettings().toWaitOptions().startTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.waitSettings().toWaitOptions().runTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(d.waitSettings().toWaitOptions().retention()).isEqualTo(Retention.DELETE);
        assertThat(step.getRetention()).isEqualTo("delete");
        assertThat(d.waitSettings().toWaitOptions().stallGracePeriod()).isEqualTo(Duration.ofSeconds(90));
        assertThat(step.getStallGracePeriod()).isEqualTo("90s");
    }

    @Test
    void keyValueEntriesBecomeMapsInTheirOrderAndTolerationsKeepTheirFields() {
        SparkSubmitEksStep step = minimal();
        step.setConf(List.of("spark.executor.instances=2", " spark.driver.extraJavaOptions =-Da=b -Dc=d"));
        step.setEnv(List.of("EMPTY="));
        step.setAppArgs(List.of("--rows", "1000"));
        Toleration spot = new Toleration();
        spot.setKey("spot");
        spot.setOperator("Exists");
        spot.setEffect("NoExecute");
        spot.setTolerationSeconds(300);
        step.setTolerations(List.of(spot));

        SparkSubmitDefinition d = step.toDefinition(GLOBAL);

        assertThat(d.conf())
                .containsExactly(
                        Map.entry("spark.executor.instances", "2"),
                        Map.entry("spark.driver.extraJavaOptions", "-Da=b -Dc=d"));
        assertThat(d.pod().env()).containsExactly(Map.entry("EMPTY", ""));
        assertThat(d.appArgs()).containsExactly("--rows", "1000");
        assertThat(d.pod().tolerations())
                .containsExactly(
                        Map.of("key", "spot", "operator", "Exists", "effect", "NoExecute", "tolerationSeconds", "300"));
    }

    @Test
    void malformedEntriesAreNamedByFieldAndPositionWithoutTheirText() {
        SparkSubmitEksStep step = minimal();
        step.setConf(List.of(
                "spark.executor.instances=2",
                "spark.hadoop.fs.s3a.secret.key:hunter2hunter2",
                "=4",
                "spark.executor.instances=3"));
        step.setLabels(List.of("team name=data"));
        Toleration anyValue = new Toleration();
        anyValue.setOperator("Exists");
        anyValue.setValue("spot");
        step.setTolerations(List.of(anyValue));

        assertThatThrownBy(() -> step.toDefinition(GLOBAL))
                .isInstanceOf(InvalidJobSpecException.class)
                .satisfies(e -> assertThat(((InvalidJobSpecException) e).errors())
                        .extracting(f -> f.field() + ": " + f.problem())
                        .containsExactly(
                                "conf: entry 2 has no '=' between key and value.",
                                "conf: entry 3 has no key before '='.",
                                "conf: entry 4 repeats the key 'spark.executor.instances' of entry 1.",
                                "labels: entry 1 has a key with white space in it ('team name').",
                                "tolerations: toleration 1 has a value with operator Exists."))
                .hasMessageContaining("Write each entry as key=value, e.g. spark.executor.instances=4.")
                .hasMessageNotContaining("hunter2hunter2");
    }

    @Test
    void blankStringsAreUnset() {
        SparkSubmitEksStep step = minimal();
        step.setNamespace("  ");
        step.setMode(" submit ");

        assertThat(step.getNamespace()).isNull();
        assertThat(step.getMode()).isNull();
        assertThat(step.toDefinition(GLOBAL).namespace()).isEqualTo("spark-jobs");
    }

    @Test
    void operatorModeIsSelectable() {
        SparkSubmitEksStep step = minimal();
        step.setMode("Operator");

        assertThat(step.toDefinition(GLOBAL).sparkOperator()).isTrue();
        assertThat(step.toDefinition(GLOBAL).mode()).isEqualTo(SubmissionMode.OPERATOR);
    }

    @Test
    void eachOperatorCanBeNamed() {
        SparkSubmitEksStep step = minimal();
        step.setMode("operator-apache");
        assertThat(step.toDefinition(GLOBAL).mode()).isEqualTo(SubmissionMode.OPERATOR_APACHE);
        step.setMode("OPERATOR-KUBEFLOW");
        assertThat(step.toDefinition(GLOBAL).mode()).isEqualTo(SubmissionMode.OPERATOR_KUBEFLOW);
        step.setMode(null);
        assertThat(step.toDefinition(GLOBAL).mode()).isEqualTo(SubmissionMode.SUBMIT);
    }

    @Test
    void aDefinitionSavedBeforeModesWereNamedKeepsItsKubeflowOperator() throws Exception {
        SparkSubmitDefinition now = minimal().toDefinition(GLOBAL);
        // as Java serialisation reads an older record: fields it lacks (mode) arrive as null in the canonical
        // constructor
        var components = SparkSubmitDefinition.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = switch (components[i].getName()) {
                case "sparkOperator" -> true;
                case "mode" -> null;
                default -> components[i].getAccessor().invoke(now);
            };
        }
        SparkSubmitDefinition old =
                SparkSubmitDefinition.class.getDeclaredConstructor(types).newInstance(values);

        assertThat(old.mode()).isEqualTo(SubmissionMode.OPERATOR_KUBEFLOW);
        assertThat(old.sparkOperator()).isTrue();
    }

    @Test
    void aScheduledSparkApplicationIsRefusedWithWhatToDoInstead() {
        SparkSubmitEksStep step = minimal();
        step.setMode("ScheduledSparkApplication");

        assertThatThrownBy(() -> step.toDefinition(GLOBAL))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("mode: 'scheduledsparkapplication': a ScheduledSparkApplication is not supported")
                .hasMessageContaining("Schedule the Jenkins job instead (a cron trigger) with mode operator-kubeflow");
    }

    @Test
    void everyProblemIsReportedWithItsFieldBeforeAnythingIsSubmitted() {
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setMode("yarn");
        step.setTimeout("forever");
        step.setRetention("sometimes");

        assertThatThrownBy(() -> step.toDefinition(SparkOnEksDefaults.NONE))
                .isInstanceOf(InvalidJobSpecException.class)
                .satisfies(e -> assertThat(((InvalidJobSpecException) e).errors())
                        .extracting(f -> f.field())
                        .containsExactlyInAnyOrder(
                                "mode", "clusterName", "mainApplicationFile", "retention", "timeout"));
    }

    @Test
    void eksClusterNeedsARegion() {
        SparkSubmitEksStep step = minimal();
        step.setClusterName("prod");

        assertThatThrownBy(() -> step.toDefinition(SparkOnEksDefaults.NONE))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("region");
    }

    @Test
    void anExplicitKubeconfigOverridesTheGlobalEksCluster() {
        SparkSubmitEksStep step = minimal();
        step.setKubeconfigCredentialsId("kubeconfig-dev");

        SparkSubmitDefinition d = step.toDefinition(GLOBAL);

        assertThat(d.target().isEks()).isFalse();
        assertThat(d.target().kubeconfigCredentialsId()).isEqualTo("kubeconfig-dev");
    }

    @Test
    void aDefinitionNeverShowsConfOrEnvironmentValues() {
        SparkSubmitEksStep step = minimal();
        step.setConf(List.of("spark.hadoop.fs.s3a.secret.key=hunter2hunter2"));
        step.setEnv(List.of("DB_PASSWORD=sw0rdfish"));

        String shown = step.toDefinition(GLOBAL).toString();

        assertThat(shown)
                .contains("spark.hadoop.fs.s3a.secret.key")
                .contains("DB_PASSWORD")
                .doesNotContain("hunter2hunter2")
                .doesNotContain("sw0rdfish");
    }

    @Test
    void descriptorNeedsNoNode() {
        SparkSubmitEksStep.DescriptorImpl descriptor = new SparkSubmitEksStep.DescriptorImpl();

        assertThat(descriptor.getFunctionName()).isEqualTo("sparkSubmitEks");
        assertThat(Set.copyOf(descriptor.getRequiredContext())).isEqualTo(Set.of(Run.class, TaskListener.class));
    }
}
