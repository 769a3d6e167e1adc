package io.jenkins.plugins.sparkeks.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.sparkeks.config.SparkOnEksConfiguration;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import io.jenkins.plugins.sparkeks.steps.SparkSubmitEksStep;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.MockedConstruction;
import org.mockito.MockedStatic;
import org.springframework.security.access.AccessDeniedException;

/** The web methods answer users without permission with nothing they did not already know. */
class CredentialsFormsTest {

    private MockedStatic<Jenkins> jenkinsStatic;
    private MockedStatic<FormValidation> formValidationStatic;
    private MockedConstruction<StandardListBoxModel> models;
    private Jenkins jenkins;
    private final FormValidation ok = mock(FormValidation.class);

    @BeforeEach
    void setUp() {
        jenkins = mock(Jenkins.class);
        jenkinsStatic = mockStatic(Jenkins.class);
        jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
        formValidationStatic = mockStatic(FormValidation.class);
        formValidationStatic.when(FormValidation::ok).thenReturn(ok);
        formValidationStatic
                .when(() -> FormValidation.error(anyString()))
                .thenAnswer(i -> errorSaying(i.getArgument(0)));
        // the model's builder methods chain on the model itself, as upstream
        models = mockConstruction(StandardListBoxModel.class, (model, context) -> {
            when(model.includeCurrentValue(anyString())).thenReturn(model);
            when(model.includeEmptyValue()).thenReturn(model);
            when(model.includeMatchingAs(any(), any(), any(), any(), any())).thenReturn(model);
        });
    }

    @AfterEach
    void tearDown() {
        models.close();
        formValidationStatic.close();
        jenkinsStatic.close();
    }

    private static FormValidation errorSaying(String message) {
        FormValidation error = mock(FormValidation.class);
        when(error.getMessage()).thenReturn(message);
        return error;
    }

    private static Item itemWith(boolean extendedRead, boolean useItem, boolean configure) {
        Item item = mock(Item.class);
        when(item.hasPermission(any())).thenReturn(false);
        when(item.hasPermission(Item.EXTENDED_READ)).thenReturn(extendedRead);
        when(item.hasPermission(CredentialsProvider.USE_ITEM)).thenReturn(useItem);
        when(item.hasPermission(Item.CONFIGURE)).thenReturn(configure);
        return item;
    }

    /** The model the form method built and returned holds only the current value: no listing, no empty entry. */
    private void onlyTheCurrentValue(ListBoxModel returned, String current) {
        assertThat((Object) returned).isIn(models.constructed());
        StandardListBoxModel model = (StandardListBoxModel) returned;
        verify(model).includeCurrentValue(current);
        verifyNoMoreInteractions(model);
    }

    @Test
    void aUserWhoMayNotSeeCredentialsOnlyGetsTheCurrentValueBack() {
        ListBoxModel model = new SparkSubmitEksStep.DescriptorImpl()
                .doFillCredentialsIdItems(itemWith(false, false, false), "aws-prod");

        onlyTheCurrentValue(model, "aws-prod");
    }

    @Test
    void kubeconfigAndTokenListsAreCheckedTheSameWay() {
        Item item = itemWith(false, false, false);
        SparkSubmitEksStep.DescriptorImpl d = new SparkSubmitEksStep.DescriptorImpl();

        onlyTheCurrentValue(d.doFillKubeconfigCredentialsIdItems(item, null), "");
        onlyTheCurrentValue(d.doFillTokenCredentialsIdItems(item, "tok"), "tok");
        assertThat(models.constructed()).hasSize(2);
    }

    @Test
    void atTheRootOnlyAdministratorsSeeCredentials() {
        when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(false);

        ListBoxModel model = new EmrStartJobRunStep.DescriptorImpl().doFillCredentialsIdItems(null, "x");

        onlyTheCurrentValue(model, "x");
    }

    @Test
    void usersWhoMayUseCredentialsOnTheItemGetTheListing() {
        Item item = itemWith(false, true, false);
        CredentialsMatcher always = mock(CredentialsMatcher.class);
        try (MockedStatic<CredentialsMatchers> matchers = mockStatic(CredentialsMatchers.class)) {
            matchers.when(CredentialsMatchers::always).thenReturn(always);

            ListBoxModel returned = CredentialsForms.list(item, "aws-prod", AmazonWebServicesCredentials.class);

            StandardListBoxModel model = models.constructed().get(0);
            assertThat(returned).isSameAs(model);
            InOrder order = inOrder(model);
            order.verify(model).includeEmptyValue();
            order.verify(model)
                    .includeMatchingAs(ACL.SYSTEM2, item, AmazonWebServicesCredentials.class, List.of(), always);
            order.verify(model).includeCurrentValue("aws-prod");
            verifyNoMoreInteractions(model);
        }
    }

    @Test
    void fieldChecksSayNothingToUsersWhoMayNotConfigure() {
        Item reader = itemWith(true, false, false);
        SparkSubmitEksStep.DescriptorImpl d = new SparkSubmitEksStep.DescriptorImpl();

        assertThat(d.doCheckRoleArn(reader, "not-an-arn")).isSameAs(ok);
        assertThat(d.doCheckTimeout(reader, "whenever")).isSameAs(ok);
        formValidationStatic.verify(() -> FormValidation.error(anyString()), never());
    }

    @Test
    void fieldChecksReportProblemsToConfigurers() {
        Item configurer = itemWith(true, false, true);
        SparkSubmitEksStep.DescriptorImpl d = new SparkSubmitEksStep.DescriptorImpl();

        assertThat(d.doCheckRoleArn(configurer, "not-an-arn").getMessage()).contains("is not an IAM role ARN");
        assertThat(d.doCheckTimeout(configurer, "whenever").getMessage())
                .contains("'whenever'")
                .contains("15m");
        assertThat(d.doCheckNamespace(configurer, "Team_A").getMessage()).contains("'Team_A'");
        assertThat(d.doCheckRegion(configurer, "us-east-1")).isSameAs(ok);
    }

    @Test
    void globalChecksRequireAdministerAndThrowOtherwise() {
        doThrow(new AccessDeniedException("no")).when(jenkins).checkPermission(Jenkins.ADMINISTER);
        // built without its constructor, which loads the saved configuration from JENKINS_HOME
        SparkOnEksConfiguration config = mock(SparkOnEksConfiguration.class, CALLS_REAL_METHODS);

        assertThatThrownBy(() -> config.doCheckRegion("us-east-1")).isInstanceOf(AccessDeniedException.class);
        formValidationStatic.verifyNoInteractions();
    }
}
