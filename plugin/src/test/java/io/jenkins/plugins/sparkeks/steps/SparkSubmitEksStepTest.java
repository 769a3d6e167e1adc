package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.job.SparkSubmitDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SparkSubmitEksStepTest {

    private static final SparkOnEksDefaults GLOBAL = new SparkOnEksDefaults("eu-west-1", "prod", "aws-ci",
            "arn:aws:iam::123456789012:role/spark", "spark-jobs", "spark-sa", "repo/spark:3.5", "/spark/logs", null);

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

        SparkSubmitDefinition d = step.toDefinition(GLOBAL);

        assertThat(d.waitSettings().waitForCompletion()).isFalse();
        assertThat(d.waitSettings().propagate()).isFalse();
        assertThat(d.waitSettings().followLogs()).isFalse();
        assertThat(d.waitSettings().toWaitOptions().startTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.waitSettings().toWaitOptions().runTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(d.waitSettings().toWaitOptions().retention()).isEqualTo(Retention.DELETE);
        assertThat(step.getRetention()).isEqualTo("delete");
    }

    @Test
    void groovyCollectionsWithNumbersBecomeText() {
        SparkSubmitEksStep step = minimal();
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("spark.executor.instances", 2);
        conf.put("spark.dynamicAllocation.enabled", false);
        step.setConf(conf);
        step.setAppArgs(List.of("--rows", 1000));
        step.setTolerations(List.of(Map.of("key", "spot", "operator", "Exists", "tolerationSeconds", 300)));

        SparkSubmitDefinition d = step.toDefinition(GLOBAL);

        assertThat(d.conf()).containsExactly(Map.entry("spark.executor.instances", "2"),
                Map.entry("spark.dynamicAllocation.enabled", "false"));
        assertThat(d.appArgs()).containsExactly("--rows", "1000");
        assertThat(d.pod().tolerations()).singleElement().satisfies(t -> assertThat(t).containsEntry("tolerationSeconds", "300"));
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
                        .containsExactlyInAnyOrder("mode", "clusterName", "mainApplicationFile", "retention", "timeout"));
    }

    @Test
    void eksClusterNeedsARegion() {
        SparkSubmitEksStep step = minimal();
        step.setClusterName("prod");

        assertThatThrownBy(() -> step.toDefinition(SparkOnEksDefaults.NONE))
                .isInstanceOf(InvalidJobSpecException.class).hasMessageContaining("region");
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
        step.setConf(Map.of("spark.hadoop.fs.s3a.secret.key", "hunter2hunter2"));
        step.setEnv(Map.of("DB_PASSWORD", "sw0rdfish"));

        String shown = step.toDefinition(GLOBAL).toString();

        assertThat(shown).contains("spark.hadoop.fs.s3a.secret.key").contains("DB_PASSWORD")
                .doesNotContain("hunter2hunter2").doesNotContain("sw0rdfish");
    }

    @Test
    void descriptorNeedsNoNode() {
        SparkSubmitEksStep.DescriptorImpl descriptor = new SparkSubmitEksStep.DescriptorImpl();

        assertThat(descriptor.getFunctionName()).isEqualTo("sparkSubmitEks");
        assertThat(Set.copyOf(descriptor.getRequiredContext())).isEqualTo(Set.of(Run.class, TaskListener.class));
    }
}
