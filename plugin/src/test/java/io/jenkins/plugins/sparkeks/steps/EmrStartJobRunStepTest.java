package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.job.EmrJobDefinition;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmrStartJobRunStepTest {

    private static final SparkOnEksDefaults GLOBAL =
            new SparkOnEksDefaults("us-west-2", "prod", null, null, null, null, null, "/emr/spark", null);

    private static EmrStartJobRunStep minimal() {
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setVirtualClusterId("vc123");
        step.setExecutionRoleArn("arn:aws:iam::123456789012:role/emr-job");
        step.setReleaseLabel("emr-7.5.0-latest");
        step.setEntryPoint("s3://bucket/app.py");
        return step;
    }

    @Test
    void bindsEveryFieldAndFallsBackToGlobalRegionAndLogGroup() {
        EmrStartJobRunStep step = minimal();
        step.setName("nightly");
        step.setEntryPointArguments(List.of("--day", "3"));
        step.setSparkSubmitParameters("--conf spark.executor.instances=2");
        step.setConf(List.of("spark.sql.shuffle.partitions=64"));
        step.setTags(List.of("team=data"));
        step.setRetryMaxAttempts(2);

        EmrJobDefinition d = step.toDefinition(GLOBAL);

        assertThat(d.aws().region()).isEqualTo("us-west-2");
        assertThat(d.aws().credentialsId()).isNull();
        assertThat(d.logGroup()).isEqualTo("/emr/spark");
        assertThat(d.entryPointArguments()).containsExactly("--day", "3");
        assertThat(d.conf()).containsEntry("spark.sql.shuffle.partitions", "64");
        assertThat(d.tags()).containsEntry("team", "data");
        assertThat(d.retryMaxAttempts()).isEqualTo(2);
        assertThat(d.describe()).contains("nightly").contains("vc123");
    }

    @Test
    void managedLogsAreReadInAnyCaseAndAnythingElseIsRefusedNamingTheField() {
        EmrStartJobRunStep step = minimal();
        step.setAllowAwsToRetainLogs("Enabled");
        step.setManagedLogsEncryptionKeyArn("arn:aws:kms:us-west-2:123456789012:key/abcd-1234");

        EmrJobDefinition d = step.toDefinition(GLOBAL);

        assertThat(d.allowAwsToRetainLogs()).isEqualTo("ENABLED");
        assertThat(d.managedLogsEncryptionKeyArn()).isEqualTo("arn:aws:kms:us-west-2:123456789012:key/abcd-1234");
        step.setAllowAwsToRetainLogs("yes");
        assertThatThrownBy(() -> step.toDefinition(GLOBAL))
                .isInstanceOf(InvalidJobSpecException.class)
                .satisfies(e -> assertThat(((InvalidJobSpecException) e).errors())
                        .singleElement()
                        .satisfies(f -> {
                            assertThat(f.field()).isEqualTo("allowAwsToRetainLogs");
                            assertThat(f.fix()).contains("ENABLED", "DISABLED");
                        }));
    }

    @Test
    void theEksClusterOfTheGlobalConfigurationNarrowsANameLookupOnly() {
        EmrStartJobRunStep byId = minimal();
        EmrStartJobRunStep byName = minimal();
        byName.setVirtualClusterId(null);
        byName.setVirtualClusterName("analytics");

        assertThat(byId.toDefinition(GLOBAL).clusterName()).isNull();
        assertThat(byName.toDefinition(GLOBAL).clusterName()).isEqualTo("prod");
    }

    @Test
    void missingRequiredFieldsAreAllNamed() {
        assertThatThrownBy(() -> new EmrStartJobRunStep().toDefinition(SparkOnEksDefaults.NONE))
                .isInstanceOf(InvalidJobSpecException.class)
                .satisfies(e -> assertThat(((InvalidJobSpecException) e).errors())
                        .extracting(f -> f.field())
                        .containsExactlyInAnyOrder(
                                "region", "virtualClusterId", "executionRoleArn", "releaseLabel", "entryPoint"));
    }

    @Test
    void aJobTemplateMayProvideRoleReleaseAndEntryPoint() {
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setVirtualClusterId("vc123");
        step.setJobTemplateId("tmpl-1");
        step.setJobTemplateParameters(List.of("Day=2026-11-21"));

        EmrJobDefinition d = step.toDefinition(GLOBAL);

        assertThat(d.jobTemplateId()).isEqualTo("tmpl-1");
        assertThat(d.jobTemplateParameters()).containsEntry("Day", "2026-11-21");
    }

    @Test
    void aDefinitionNeverShowsConfTagOrParameterValues() {
        EmrStartJobRunStep step = minimal();
        step.setConf(List.of("spark.hadoop.fs.s3a.secret.key=hunter2hunter2"));
        step.setJobTemplateParameters(List.of("DbPassword=sw0rdfish"));

        assertThat(step.toDefinition(GLOBAL).toString())
                .doesNotContain("hunter2hunter2")
                .doesNotContain("sw0rdfish");
    }

    @Test
    void descriptorNeedsNoNode() {
        EmrStartJobRunStep.DescriptorImpl descriptor = new EmrStartJobRunStep.DescriptorImpl();

        assertThat(descriptor.getFunctionName()).isEqualTo("emrStartJobRun");
        assertThat(Set.copyOf(descriptor.getRequiredContext())).isEqualTo(Set.of(Run.class, TaskListener.class));
    }
}
