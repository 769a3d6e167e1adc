package io.jenkins.plugins.sparkeks.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.sparkeks.steps.SparkSubmitEksStep;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Credential lists and field checks, called as different users in a secured Jenkins. */
@WithJenkins
class FormPermissionsITest {

    @Test
    void onlyUsersWhoMayConfigureOrUseCredentialsSeeThem(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader", "configurer")
                .grant(Item.CONFIGURE, Item.EXTENDED_READ)
                .onItems(p)
                .to("configurer"));
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new AWSCredentialsImpl(
                        CredentialsScope.GLOBAL, "aws-prod", "AKIAEXAMPLE000000000", "secret", "prod"));
        SparkSubmitEksStep.DescriptorImpl d = j.jenkins.getDescriptorByType(SparkSubmitEksStep.DescriptorImpl.class);

        try (ACLContext c = ACL.as2(User.getById("reader", true).impersonate2())) {
            ListBoxModel seen = d.doFillCredentialsIdItems(p, "");
            assertThat(seen).extracting(o -> o.value).containsExactly("");
            assertThat(d.doCheckRoleArn(p, "nonsense").kind).isEqualTo(FormValidation.Kind.OK);
        }
        try (ACLContext c = ACL.as2(User.getById("configurer", true).impersonate2())) {
            assertThat(d.doFillCredentialsIdItems(p, ""))
                    .extracting(o -> o.value)
                    .contains("aws-prod");
            assertThat(d.doCheckRoleArn(p, "nonsense").kind).isEqualTo(FormValidation.Kind.ERROR);
        }
    }
}
