package io.jenkins.plugins.sparkeks.steps;

import io.jenkins.plugins.sparkeks.freestyle.EmrStartJobRunBuilder;
import io.jenkins.plugins.sparkeks.freestyle.SparkSubmitEksBuilder;
import io.jenkins.plugins.sparkeks.secrets.SecretValue;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every setting survives the configuration page (step forms, and the freestyle builders that embed them), the
 * Snippet Generator writes what the steps read, and Pipeline Syntax › Steps Reference can document both steps.
 */
@WithJenkins
class StepConfigurationITest {

    @Test
    void everySparkSubmitFieldOnTheFormRoundTrips(JenkinsRule j) throws Exception {
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setMainApplicationFile("local:///opt/app.jar");
        step.setMainClass("org.example.App");
        step.setName("etl");
        step.setMode("operator");
        step.setClusterName("prod");
        step.setRegion("eu-west-1");
        step.setCredentialsId("aws");
        step.setRoleArn("arn:aws:iam::123456789012:role/spark");
        step.setKubeconfigCredentialsId("kc");
        step.setServerUrl("https://203.0.113.10:6443");
        step.setTokenCredentialsId("tok");
        step.setNamespace("team-a");
        step.setServiceAccount("spark");
        step.setWait(false);
        step.setPropagate(false);
        step.setFollowLogs(false);
        step.setSparkInsight(false);
        step.setFailOnSparkJobFailure(false);
        step.setStartTimeout("10m");
        step.setTimeout("2h");
        step.setRetention("delete");
        step.setImage("apache/spark:3.5.6");
        step.setEmrRelease("emr-7.12.0");
        step.setSparkVersion("3.5.6");
        step.setImagePullPolicy("Always");
        step.setDriverCores(2);
        step.setDriverMemory("2g");
        step.setDriverMemoryOverhead("512m");
        step.setExecutorInstances(3);
        step.setExecutorCores(4);
        step.setExecutorMemory("8g");
        step.setExecutorMemoryOverhead("1g");
        step.setDriverPodTemplate("apiVersion: v1\nkind: Pod\n");
        step.setSparkUser("spark");
        setEveryList(step);
        step.setSecretConf(List.of(new SecretValue("spark.hadoop.fs.s3a.secret.key", "s3-secret")));
        step.setSecretEnv(List.of(new SecretValue("DB_PASSWORD", "db"), new SecretValue("API_TOKEN", "api")));

        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
    }

    /** Values a form could mangle: '=' inside values, JSON-looking text, the text null, spaces inside a value. */
    private static void setEveryList(SparkSubmitEksStep step) {
        step.setAppArgs(List.of("--day", "[1, 2]", "null", "{\"a\": 1}"));
        step.setConf(List.of("spark.executor.instances=4", "spark.driver.extraJavaOptions=-Da=b -Dc=d"));
        step.setJars(List.of("s3a://bucket/dep.jar", "s3a://bucket/other.jar"));
        step.setFiles(List.of("s3a://bucket/lookup.csv"));
        step.setPyFiles(List.of("s3a://bucket/lib.zip"));
        step.setLabels(List.of("team=data"));
        step.setAnnotations(List.of("example.com/owner=data-platform"));
        step.setEnv(List.of("LOG_LEVEL=INFO", "EMPTY="));
        step.setNodeSelector(List.of("karpenter.sh/capacity-type=on-demand"));
        step.setImagePullSecrets(List.of("regcred"));
        Toleration spot = new Toleration();
        spot.setKey("spot");
        spot.setOperator("Exists");
        spot.setEffect("NoExecute");
        spot.setTolerationSeconds(300);
        Toleration dedicated = new Toleration();
        dedicated.setKey("dedicated");
        dedicated.setValue("spark");
        dedicated.setEffect("NoSchedule");
        step.setTolerations(List.of(spot, dedicated));
    }

    private static void setEveryList(EmrStartJobRunStep step) {
        step.setEntryPointArguments(List.of("--date", "2026-11-21", "[x]"));
        step.setConf(List.of("spark.executor.instances=4"));
        step.setTags(List.of("team=data", "cost-center=42"));
        step.setJobTemplateParameters(List.of("Day=2026-11-21"));
    }

    @Test
    void everySettingOfTheFreestyleBuildersSurvivesASave(JenkinsRule j) throws Exception {
        SparkSubmitEksStep submit = new SparkSubmitEksStep();
        submit.setMainApplicationFile("local:///opt/app.jar");
        submit.setClusterName("prod");
        submit.setWait(false);
        setEveryList(submit);
        SparkSubmitEksBuilder submitBuilder = new SparkSubmitEksBuilder(submit);
        submitBuilder.setUnstable(true);
        j.assertEqualDataBoundBeans(submitBuilder, j.configRoundtrip(submitBuilder));

        EmrStartJobRunStep emr = new EmrStartJobRunStep();
        emr.setEntryPoint("s3://bucket/app.py");
        emr.setVirtualClusterId("vc1");
        emr.setFollowLogs(false);
        emr.setSparkInsight(false);
        emr.setFailOnSparkJobFailure(false);
        setEveryList(emr);
        EmrStartJobRunBuilder emrBuilder = new EmrStartJobRunBuilder(emr);
        emrBuilder.setUnstable(true);
        j.assertEqualDataBoundBeans(emrBuilder, j.configRoundtrip(emrBuilder));
    }

    @Test
    void theStepsReferenceDocumentsEveryParameter(JenkinsRule j) throws Exception {
        SnippetizerTester.assertDocGeneration(SparkSubmitEksStep.class);
        SnippetizerTester.assertDocGeneration(EmrStartJobRunStep.class);
    }

    @Test
    void everyEmrFieldOnTheFormRoundTrips(JenkinsRule j) throws Exception {
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setEntryPoint("s3://bucket/app.py");
        step.setSparkSubmitParameters("--conf spark.executor.instances=2");
        step.setName("nightly");
        step.setVirtualClusterId("vc1");
        step.setVirtualClusterName("analytics");
        step.setClusterName("prod");
        step.setExecutionRoleArn("arn:aws:iam::123456789012:role/job");
        step.setReleaseLabel("emr-7.5.0-latest");
        step.setRegion("us-east-1");
        step.setCredentialsId("aws");
        step.setRoleArn("arn:aws:iam::123456789012:role/spark");
        step.setWait(false);
        step.setPropagate(false);
        step.setFollowLogs(false);
        step.setSparkInsight(false);
        step.setFailOnSparkJobFailure(false);
        step.setStartTimeout("5m");
        step.setTimeout("1h");
        step.setLogGroup("/emr/spark");
        step.setLogStreamPrefix("nightly");
        step.setS3LogUri("s3://bucket/logs/");
        step.setAllowAwsToRetainLogs("DISABLED");
        step.setManagedLogsEncryptionKeyArn("arn:aws:kms:us-east-1:123456789012:key/abcd-1234");
        step.setRetryMaxAttempts(2);
        step.setJobTemplateId("tmpl");
        setEveryList(step);
        step.setSecretConf(List.of(new SecretValue("spark.hadoop.fs.s3a.secret.key", "s3-secret")));
        step.setSecretEnv(List.of(new SecretValue("DB_PASSWORD", "db")));

        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
    }

    @Test
    void theSnippetGeneratorWritesOnlyWhatDiffersFromTheDefaults(JenkinsRule j) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(j);
        SparkSubmitEksStep submit = new SparkSubmitEksStep();
        submit.setMainApplicationFile("local:///opt/app.jar");
        snippets.assertRoundTrip(submit, "sparkSubmitEks mainApplicationFile: 'local:///opt/app.jar'");

        SparkSubmitEksStep noWait = new SparkSubmitEksStep();
        noWait.setWait(false);
        snippets.assertRoundTrip(noWait, "sparkSubmitEks wait: false");

        EmrStartJobRunStep emr = new EmrStartJobRunStep();
        emr.setVirtualClusterId("vc1");
        snippets.assertRoundTrip(emr, "emrStartJobRun virtualClusterId: 'vc1'");
    }

    @Test
    void theSnippetGeneratorWritesListsAsPipelineAuthorsDo(JenkinsRule j) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(j);
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setConf(List.of("spark.executor.instances=4"));
        step.setAppArgs(List.of("1000"));
        Toleration spot = new Toleration();
        spot.setKey("spot");
        spot.setOperator("Exists");
        step.setTolerations(List.of(spot));
        snippets.assertRoundTrip(
                step,
                "sparkSubmitEks appArgs: ['1000'], conf: ['spark.executor.instances=4'], "
                        + "tolerations: [[key: 'spot', operator: 'Exists']]");

        EmrStartJobRunStep emr = new EmrStartJobRunStep();
        emr.setTags(List.of("team=data"));
        snippets.assertRoundTrip(emr, "emrStartJobRun tags: ['team=data']");
    }

    /** structs binds a list of maps to the concrete SecretValue without {@code $class}, and writes it back so. */
    @Test
    void secretValuesAreWrittenAsPlainMaps(JenkinsRule j) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(j);
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setSecretConf(List.of(new SecretValue("spark.hadoop.fs.s3a.secret.key", "s3-secret")));
        snippets.assertRoundTrip(
                step,
                "sparkSubmitEks(secretConf: [[credentialsId: 's3-secret', key: 'spark.hadoop.fs.s3a.secret.key']])");
    }
}
