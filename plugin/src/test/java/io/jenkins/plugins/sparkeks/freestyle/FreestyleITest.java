package io.jenkins.plugins.sparkeks.freestyle;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.sparkeks.config.SparkOnEksConfiguration;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Freestyle builds mark FAILURE or UNSTABLE from the job's verdict; Pipeline's generic {@code step} cannot run the
 * builders (they are not SimpleBuildSteps), so no job is submitted that way.
 */
@WithJenkins
class FreestyleITest {

    private AwsEmulator aws;

    @BeforeEach
    void startEmulator() {
        aws = AwsEmulator.startRealTime().virtualCluster(VirtualCluster.running("vc1", "analytics", "prod", "spark"));
        aws.script(
                "broken",
                JobScript.builder()
                        .running(Duration.ofSeconds(1))
                        .fails("USER_ERROR", "exit code 1")
                        .build());
        aws.script(
                "fine",
                JobScript.builder().running(Duration.ofSeconds(1)).completes().build());
    }

    @AfterEach
    void stopEmulator() {
        aws.close();
    }

    private FreeStyleBuild build(JenkinsRule j, String jobName, boolean unstable) throws Exception {
        SparkOnEksConfiguration.get().setRegion(aws.region());
        SparkOnEksConfiguration.get().setAwsEndpointUrl(aws.endpoint().toString());
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new AWSCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "aws-" + jobName,
                        AwsEmulator.ACCESS_KEY_ID,
                        AwsEmulator.SECRET_ACCESS_KEY,
                        "emulator"));
        EmrStartJobRunStep job = new EmrStartJobRunStep();
        job.setCredentialsId("aws-" + jobName);
        job.setName(jobName);
        job.setVirtualClusterId("vc1");
        job.setExecutionRoleArn("arn:aws:iam::111122223333:role/emr-job");
        job.setReleaseLabel("emr-7.2.0-latest");
        job.setEntryPoint("local:///usr/lib/spark/examples/jars/spark-examples.jar");
        EmrStartJobRunBuilder builder = new EmrStartJobRunBuilder(job);
        builder.setUnstable(unstable);
        FreeStyleProject p = j.createProject(FreeStyleProject.class, jobName + (unstable ? "-unstable" : ""));
        p.getBuildersList().add(builder);
        return p.scheduleBuild2(0).get();
    }

    @Test
    void aSucceedingJobKeepsTheBuildGreen(JenkinsRule j) throws Exception {
        j.assertBuildStatusSuccess(build(j, "fine", false));
    }

    @Test
    void aFailingJobFailsTheBuild(JenkinsRule j) throws Exception {
        FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, build(j, "broken", false));
        j.assertLogContains("Spark job FAILED", b);
    }

    @Test
    void aFailingJobCanMarkTheBuildUnstable(JenkinsRule j) throws Exception {
        j.assertBuildStatus(Result.UNSTABLE, build(j, "broken", true));
    }

    @Test
    void pipelinesCannotRunTheBuilderThroughStep(JenkinsRule j) throws Exception {
        SparkOnEksConfiguration.get().setRegion(aws.region());
        SparkOnEksConfiguration.get().setAwsEndpointUrl(aws.endpoint().toString());
        WorkflowJob p = j.createProject(WorkflowJob.class, "generic-step");
        p.setDefinition(new CpsFlowDefinition(
                "step([$class: 'EmrStartJobRunBuilder', job: [$class: 'EmrStartJobRunStep',"
                        + " name: 'fine', virtualClusterId: 'vc1', executionRoleArn: 'arn:aws:iam::111122223333:role/emr-job',"
                        + " releaseLabel: 'emr-7.2.0-latest',"
                        + " entryPoint: 'local:///usr/lib/spark/examples/jars/spark-examples.jar']])",
                true));

        j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        assertThat(aws.jobRuns()).as("nothing was submitted").isEmpty();
    }
}
