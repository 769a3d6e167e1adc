package io.jenkins.plugins.sparkeks.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.sparkeks.config.SparkOnEksConfiguration;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import io.jenkins.plugins.sparkeks.steps.SparkSubmitEksStep;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.springframework.security.access.AccessDeniedException;

/** The web methods answer users without permission with nothing they did not already know. */
class CredentialsFormsTest {

    private MockedStatic<Jenkins> jenkinsStatic;
    private Jenkins jenkins;

    @BeforeEach
    void setUp() {
        jenkins = mock(Jenkins.class);
        jenkinsStatic = mockStatic(Jenkins.class);
        jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
    }

    @AfterEach
    void tearDown() {
        jenkinsStatic.close();
    }

    private static Item itemWith(boolean extendedRead, boolean useItem, boolean configure) {
        Item item = mock(Item.class);
        when(item.hasPermission(any())).thenReturn(false);
        when(item.hasPermission(Item.EXTENDED_READ)).thenReturn(extendedRead);
        when(item.hasPermission(CredentialsProvider.USE_ITEM)).thenReturn(useItem);
        when(item.hasPermission(Item.CONFIGURE)).thenReturn(configure);
        return item;
    }

    @Test
    void aUserWhoMayNotSeeCredentialsOnlyGetsTheCurrentValueBack() {
        ListBoxModel model = new SparkSubmitEksStep.DescriptorImpl()
                .doFillCredentialsIdItems(itemWith(false, false, false), "aws-prod");

        assertThat(model).extracting(o -> o.value).containsExactly("aws-prod");
    }

    @Test
    void kubeconfigAndTokenListsAreCheckedTheSameWay() {
        Item item = itemWith(false, false, false);
        SparkSubmitEksStep.DescriptorImpl d = new SparkSubmitEksStep.DescriptorImpl();

        assertThat(d.doFillKubeconfigCredentialsIdItems(item, "")).extracting(o -> o.value).containsExactly("");
        assertThat(d.doFillTokenCredentialsIdItems(item, "tok")).extracting(o -> o.value).containsExactly("tok");
    }

    @Test
    void atTheRootOnlyAdministratorsSeeCredentials() {
        when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(false);

        ListBoxModel model = new EmrStartJobRunStep.DescriptorImpl().doFillCredentialsIdItems(null, "x");

        assertThat(model).extracting(o -> o.value).containsExactly("x");
    }

    @Test
    void usersWhoMayUseCredentialsOnTheItemGetTheListing() {
        Item item = itemWith(false, true, false);

        // the listing itself is the credentials plugin's; reaching it proves the permission gate let the user through
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CredentialsForms.list(item, "", AmazonWebServicesCredentials.class))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fieldChecksSayNothingToUsersWhoMayNotConfigure() {
        Item reader = itemWith(true, false, false);
        SparkSubmitEksStep.DescriptorImpl d = new SparkSubmitEksStep.DescriptorImpl();

        assertThat(d.doCheckRoleArn(reader, "not-an-arn").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckTimeout(reader, "whenever").kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void fieldChecksReportProblemsToConfigurers() {
        Item configurer = itemWith(true, false, true);
        SparkSubmitEksStep.DescriptorImpl d = new SparkSubmitEksStep.DescriptorImpl();

        assertThat(d.doCheckRoleArn(configurer, "not-an-arn").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckTimeout(configurer, "whenever").getMessage()).contains("'whenever'").contains("15m");
        assertThat(d.doCheckNamespace(configurer, "Team_A").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckRegion(configurer, "us-east-1").kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void globalChecksRequireAdministerAndThrowOtherwise() {
        org.mockito.Mockito.doThrow(new AccessDeniedException("no")).when(jenkins).checkPermission(Jenkins.ADMINISTER);
        SparkOnEksConfiguration config = new SparkOnEksConfiguration();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.doCheckRegion("us-east-1"))
                .isInstanceOf(AccessDeniedException.class);
    }
}
