package io.jenkins.plugins.sparkeks;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Describable;
import io.jenkins.plugins.sparkeks.config.SparkOnEksConfiguration;
import io.jenkins.plugins.sparkeks.freestyle.EmrStartJobRunBuilder;
import io.jenkins.plugins.sparkeks.freestyle.SparkSubmitEksBuilder;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import io.jenkins.plugins.sparkeks.steps.SparkSubmitEksStep;
import java.beans.Introspector;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundSetter;

/** Every data-bound property has help, and every property a form can edit is on the form. */
class FormsCoverageTest {

    @ParameterizedTest
    @ValueSource(classes = {SparkSubmitEksStep.class, EmrStartJobRunStep.class, SparkOnEksConfiguration.class,
            SparkSubmitEksBuilder.class, EmrStartJobRunBuilder.class})
    void everyPropertyHasHelpAndEveryScalarOneIsOnTheForm(Class<?> type) throws IOException {
        String form = resource(type, "config.jelly");
        assertThat(form).startsWith("<?jelly escape-by-default='true'?>");
        for (Method setter : setters(type)) {
            String property = Introspector.decapitalize(setter.getName().substring(3));
            assertThat(helpFor(type, property)).as("help for %s.%s", type.getSimpleName(), property).isNotNull();
            Class<?> valueType = setter.getParameterTypes()[0];
            boolean collection = Collection.class.isAssignableFrom(valueType) || Map.class.isAssignableFrom(valueType);
            // lists of describables have their own repeatable form (f:repeatableProperty)
            boolean onForm = !collection || listOfDescribables(setter);
            assertThat(form.contains("field=\"" + property + "\"")).as("%s.%s on the form", type.getSimpleName(), property)
                    .isEqualTo(onForm);
        }
    }

    @Test
    void stepsDocumentThemselves() throws IOException {
        assertThat(resource(SparkSubmitEksStep.class, "help.html")).contains("spark-submit");
        assertThat(resource(EmrStartJobRunStep.class, "help.html")).contains("EMR on EKS");
    }

    private static boolean listOfDescribables(Method setter) {
        return setter.getGenericParameterTypes()[0] instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> element
                && Describable.class.isAssignableFrom(element);
    }

    private static List<Method> setters(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                out.add(m);
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    private static String helpFor(Class<?> type, String property) throws IOException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            String help = resource(c, "help-" + property + ".html");
            if (help != null) {
                return help;
            }
        }
        return null;
    }

    private static String resource(Class<?> type, String name) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + "/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
