package io.jenkins.plugins.sparkeks.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;

import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.sparkeks.credentials.CredentialsForms;
import io.jenkins.plugins.sparkeks.job.SecretRef;
import java.lang.reflect.Method;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;
import org.mockito.MockedStatic;

class SecretValueTest {

    @Test
    void blankFieldsCountAsUnsetAndOnlyTheReferenceIsKept() {
        SecretValue v = new SecretValue(" spark.hadoop.fs.s3a.secret.key ", " ");

        assertThat(v.getKey()).isEqualTo("spark.hadoop.fs.s3a.secret.key");
        assertThat(v.getCredentialsId()).isNull();
        assertThat(new SecretValue("DB_PASSWORD", "db").toRef()).isEqualTo(new SecretRef("DB_PASSWORD", "db"));
    }

    @Test
    void theCredentialDropDownListsSecretTextCredentialsThroughThePermissionCheckedHelper() throws Exception {
        Item item = mock(Item.class);
        ListBoxModel expected = mock(ListBoxModel.class);
        try (MockedStatic<CredentialsForms> forms = mockStatic(CredentialsForms.class)) {
            forms.when(() -> CredentialsForms.list(item, "s3-secret", StringCredentials.class))
                    .thenReturn(expected);

            assertThat(new SecretValue.DescriptorImpl().doFillCredentialsIdItems(item, "s3-secret"))
                    .isSameAs(expected);
        }
        Method fill = SecretValue.DescriptorImpl.class.getMethod("doFillCredentialsIdItems", Item.class, String.class);
        assertThat(fill.isAnnotationPresent(POST.class)).isTrue();
    }
}
