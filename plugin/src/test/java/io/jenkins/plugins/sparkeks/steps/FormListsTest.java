package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.model.Item;
import hudson.util.FormValidation;
import java.util.List;
import java.util.Map;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/** A textarea's text reaches a List<String> setter one entry per line, exactly as typed, and is checked as the step checks it. */
class FormListsTest {

    @Test
    void textareasOfListPropertiesAreTakenOutOfTheFormAndSplitIntoLines() {
        JSONObject form = new JSONObject();
        form.put("name", "etl");
        form.put("conf", "spark.executor.instances=4\r\n\n  spark.driver.extraJavaOptions=-Da=b -Dc=d  \n");
        form.put("region", "us-east-1");
        form.put("tolerations", new JSONArray());
        form.put("appArgs", "[1, 2]\nnull\n{\"a\": 1}");
        assertThat(form.get("appArgs")).as("json-lib kept the text as text").isInstanceOf(String.class);

        Map<String, List<String>> taken = FormLists.take(SparkSubmitEksStep.class, form);

        assertThat(taken).containsOnlyKeys("conf", "appArgs");
        assertThat(taken.get("conf"))
                .containsExactly("spark.executor.instances=4", "spark.driver.extraJavaOptions=-Da=b -Dc=d");
        assertThat(taken.get("appArgs")).containsExactly("[1, 2]", "null", "{\"a\": 1}");
        assertThat(form.keySet()).containsExactlyInAnyOrder("name", "region", "tolerations");

        SparkSubmitEksStep step = new SparkSubmitEksStep();
        FormLists.apply(step, taken);
        assertThat(step.getConf()).isEqualTo(taken.get("conf"));
        assertThat(step.getAppArgs()).isEqualTo(taken.get("appArgs"));
    }

    @Test
    void anEmptyTextareaUnsetsTheListAndTheFormShowsOneEntryPerLine() {
        JSONObject form = new JSONObject();
        form.put("tags", " \n ");
        Map<String, List<String>> taken = FormLists.take(EmrStartJobRunStep.class, form);
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setTags(List.of("team=data"));

        FormLists.apply(step, taken);

        assertThat(step.getTags()).isNull();
        assertThat(new EmrStartJobRunStep.DescriptorImpl().formText(List.of("team=data", "cost=42")))
                .isEqualTo("team=data\ncost=42");
        assertThat(new EmrStartJobRunStep.DescriptorImpl().formText(null)).isEmpty();
    }

    @Test
    void everyListPropertyOfBothStepsIsKnown() {
        assertThat(FormLists.stringListProperties(SparkSubmitEksStep.class).keySet())
                .containsExactlyInAnyOrder(
                        "appArgs",
                        "conf",
                        "jars",
                        "files",
                        "pyFiles",
                        "labels",
                        "annotations",
                        "env",
                        "nodeSelector",
                        "imagePullSecrets");
        assertThat(FormLists.stringListProperties(EmrStartJobRunStep.class).keySet())
                .containsExactlyInAnyOrder("entryPointArguments", "conf", "tags", "jobTemplateParameters");
    }

    @Test
    void keyValueTextareasAreCheckedAsTheStepChecksThem() {
        Item configurer = mock(Item.class);
        when(configurer.hasPermission(Item.CONFIGURE)).thenReturn(true);
        FormValidation ok = mock(FormValidation.class);
        try (MockedStatic<FormValidation> validation = mockStatic(FormValidation.class)) {
            validation.when(FormValidation::ok).thenReturn(ok);
            validation.when(() -> FormValidation.error(anyString())).thenAnswer(i -> {
                FormValidation error = mock(FormValidation.class);
                when(error.getMessage()).thenReturn(i.getArgument(0));
                return error;
            });
            SparkSubmitEksStep.DescriptorImpl d = new SparkSubmitEksStep.DescriptorImpl();

            assertThat(d.doCheckConf(configurer, "a=1\n\nb=2")).isSameAs(ok);
            assertThat(d.doCheckEnv(configurer, "TOKEN:s3cr3t-value").getMessage())
                    .isEqualTo(
                            "entry 1 has no '=' between key and value. Write each entry as key=value, e.g. LOG_LEVEL=INFO.")
                    .doesNotContain("s3cr3t");
            assertThat(d.doCheckLabels(configurer, "team=a\nteam=b").getMessage())
                    .contains("entry 2 repeats the key 'team'");
            assertThat(new EmrStartJobRunStep.DescriptorImpl()
                            .doCheckTags(configurer, "=x")
                            .getMessage())
                    .contains("entry 1 has no key before '='");
            EmrStartJobRunStep.DescriptorImpl emr = new EmrStartJobRunStep.DescriptorImpl();
            assertThat(emr.doCheckReleaseLabel(configurer, "emr-spark-8.0.0-20260421"))
                    .isSameAs(ok);
            assertThat(emr.doCheckReleaseLabel(configurer, "emr-7.12.0-latest")).isSameAs(ok);
            assertThat(emr.doCheckReleaseLabel(configurer, "emr-8.0-spark").getMessage())
                    .startsWith("is not an EMR on EKS release label. Use emr-<major>.<minor>.<patch>-latest");
        }
    }
}
