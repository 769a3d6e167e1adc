package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import io.jenkins.plugins.sparkeks.config.SparkOnEksConfiguration;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import java.time.Duration;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** {@code emrStartJobRun} in real Pipelines against the AWS emulator: success with logs, abort cancels. */
@WithJenkins
class EmrStartJobRunPipelineITest {

    private AwsEmulator aws;

    @BeforeEach
    void startEmulator() {
        aws = AwsEmulator.startRealTime()
                .virtualCluster(VirtualCluster.running("vc1", "analytics", "prod", "spark"))
                .logGroup("/emr/spark");
    }

    @AfterEach
    void stopEmulator() {
        aws.close();
    }

    private WorkflowRun run(JenkinsRule j, String jobName) throws Exception {
        SparkOnEksConfiguration config = SparkOnEksConfiguration.get();
        config.setRegion(aws.region());
        config.setAwsEndpointUrl(aws.endpoint().toString());
        config.setLogGroup("/emr/spark");
        SystemCredentialsProvider credentials = SystemCredentialsProvider.getInstance();
        credentials
                .getCredentials()
                .add(new AWSCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "aws",
                        AwsEmulator.ACCESS_KEY_ID,
                        AwsEmulator.SECRET_ACCESS_KEY,
                        "emulator"));
        credentials.save();
        WorkflowJob p = j.createProject(WorkflowJob.class, jobName);
        p.setDefinition(new CpsFlowDefinition("""
                def r = emrStartJobRun(credentialsId: 'aws', virtualClusterId: 'vc1', name: '%s',
                        executionRoleArn: 'arn:aws:iam::111122223333:role/emr-job', releaseLabel: 'emr-7.2.0-latest',
                        entryPoint: 'local:///usr/lib/spark/examples/jars/spark-examples.jar')
                echo "state=${r.state} jobRunId=${r.jobRunId}"
                """.formatted(jobName), true));
        return p.scheduleBuild2(0).waitForStart();
    }

    @Test
    void aCompletedJobRunSucceedsAndItsDriverLogIsShown(JenkinsRule j) throws Exception {
        aws.script(
                "nightly",
                JobScript.builder()
                        .pending(Duration.ofMillis(300))
                        .running(Duration.ofSeconds(2))
                        .stdout("Pi is roughly 3.14")
                        .completes()
                        .build());

        WorkflowRun b = j.assertBuildStatusSuccess(j.waitForCompletion(run(j, "nightly")));

        j.assertLogContains("state=SUCCEEDED", b);
        j.assertLogContains("Pi is roughly 3.14", b);
        j.assertLogNotContains(AwsEmulator.SECRET_ACCESS_KEY, b);
        assertThat(aws.jobRuns()).hasSize(1);
    }

    @Test
    void abortingTheBuildCancelsTheJobRun(JenkinsRule j) throws Exception {
        aws.script(
                "long",
                JobScript.builder().running(Duration.ofHours(1)).completes().build());
        WorkflowRun b = j.waitForMessage("[spark-on-eks] Submitted EMR_ON_EKS job", run(j, "long"));

        b.doStop();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        String id = aws.jobRuns().get(0).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> aws.jobRunState(id).equals(Optional.of("CANCELLED")));
    }
}
