package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.config.SparkOnEksConfiguration;
import io.jenkins.plugins.sparkeks.freestyle.EmrStartJobRunBuilder;
import io.jenkins.plugins.sparkeks.freestyle.SparkSubmitEksBuilder;
import java.beans.Introspector;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * docs/reference.md documents every parameter a pipeline author or administrator can set: each step's own
 * parameters in a table row of its section, the inherited ones there or under "Parameters shared by both steps",
 * and the global configuration's in the paragraph before the first step. Adding a parameter without documenting
 * it fails here.
 */
class ParametersDocumentedTest {

    @Test
    void everyStepParameterHasARowInItsSectionOrTheSharedOne() throws IOException {
        String doc = reference();
        String shared = section(doc, "### Parameters shared by both steps");
        List<String> missing = new ArrayList<>();
        missing.addAll(
                undocumented("sparkSubmitEks", SparkSubmitEksStep.class, section(doc, "### `sparkSubmitEks`"), shared));
        missing.addAll(
                undocumented("emrStartJobRun", EmrStartJobRunStep.class, section(doc, "### `emrStartJobRun`"), shared));
        assertThat(missing)
                .as("step parameters undocumented in docs/reference.md")
                .isEmpty();
    }

    @Test
    void everyGlobalSettingIsNamedWhereTheGlobalDefaultsAreDescribed() throws IOException {
        String doc = reference();
        String intro = doc.substring(
                doc.indexOf("## Pipeline steps"), doc.indexOf("\n### ", doc.indexOf("## Pipeline steps")));
        List<String> missing = parameters(SparkOnEksConfiguration.class).stream()
                .filter(name -> !intro.contains("`" + name + "`"))
                .toList();
        assertThat(missing)
                .as("global settings undocumented in docs/reference.md (## Pipeline steps)")
                .isEmpty();
    }

    @Test
    void everyFreestyleBuilderTakesEveryParameterOfItsStep() {
        assertThat(missingFromBuilder(SparkSubmitEksBuilder.class, SparkSubmitEksStep.class))
                .as("sparkSubmitEks parameters a freestyle job cannot set")
                .isEmpty();
        assertThat(missingFromBuilder(EmrStartJobRunBuilder.class, EmrStartJobRunStep.class))
                .as("emrStartJobRun parameters a freestyle job cannot set")
                .isEmpty();
    }

    @Test
    void theBuilderCheckRecognisesAMissingOption() {
        // the EMR builder has no driver pod retention or stall grace period: the check must say so
        assertThat(missingFromBuilder(EmrStartJobRunBuilder.class, SparkSubmitEksStep.class))
                .contains("retention", "stallGracePeriod")
                .doesNotContain("apiUnreachableTimeout", "timeout", "wait");
    }

    @Test
    void everyFreestyleBuilderOptionIsNamedWhereTheBuildersAreDescribed() throws IOException {
        String doc = reference();
        int at = doc.indexOf("The freestyle build steps");
        assertThat(at)
                .as("the freestyle builders' paragraph in docs/reference.md")
                .isPositive();
        String paragraph = doc.substring(at, doc.indexOf("\n\n", at));
        List<String> missing = new ArrayList<>();
        for (Class<?> builder : List.of(SparkSubmitEksBuilder.class, EmrStartJobRunBuilder.class)) {
            for (String name : parameters(builder)) {
                if (!name.equals(JOB) && !paragraph.contains("`" + name + "`")) {
                    missing.add(builder.getSimpleName() + " " + name);
                }
            }
        }
        assertThat(missing)
                .as("freestyle builder options undocumented in docs/reference.md")
                .isEmpty();
    }

    /** The builder's own parameter that carries the step's configuration. */
    private static final String JOB = "job";

    /**
     * The parameters of {@code step} a freestyle job cannot set through {@code builder}: its own ones, and those of
     * the object its {@code job} parameter binds.
     */
    private static Set<String> missingFromBuilder(Class<?> builder, Class<?> step) {
        Set<String> reachable = new LinkedHashSet<>(parameters(builder));
        for (Constructor<?> c : builder.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    if (p.getName().equals(JOB)) {
                        reachable.addAll(parameters(p.getType()));
                    }
                }
            }
        }
        Set<String> missing = new LinkedHashSet<>(parameters(step));
        missing.removeAll(reachable);
        return missing;
    }

    @Test
    void theParameterNamesComeFromTheBindingAnnotations() {
        assertThat(parameters(SparkSubmitEksStep.class)).contains("mainApplicationFile", "appArgs", "wait", "region");
        assertThat(parameters(EmrStartJobRunStep.class))
                .contains("logGroup", "s3LogUri", "retryMaxAttempts", "timeout");
        assertThat(parameters(SparkOnEksConfiguration.class)).contains("awsEndpointUrl", "clusterName");
    }

    private static List<String> undocumented(String step, Class<?> type, String own, String shared) {
        assertThat(own).as("a section '### `%s`' in docs/reference.md", step).isNotNull();
        return parameters(type).stream()
                .filter(name -> !row(own, name) && !row(shared, name))
                .map(name -> step + " " + name)
                .toList();
    }

    private static boolean row(String section, String name) {
        return section != null && section.contains("\n| `" + name + "` |");
    }

    /** What Stapler binds: @DataBoundConstructor parameters and @DataBoundSetter properties, inherited ones included. */
    static Set<String> parameters(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    assertThat(p.isNamePresent())
                            .as("%s is compiled with -parameters", type.getName())
                            .isTrue();
                    names.add(p.getName());
                }
            }
        }
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            for (Method m : t.getDeclaredMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")) {
                    names.add(Introspector.decapitalize(m.getName().substring(3)));
                }
            }
            for (Field f : t.getDeclaredFields()) {
                if (f.isAnnotationPresent(DataBoundSetter.class)) {
                    names.add(f.getName());
                }
            }
        }
        return names;
    }

    /** The text under a heading, up to the next heading of any level. */
    private static String section(String doc, String heading) {
        int start = doc.indexOf(heading + "\n");
        if (start < 0) {
            return null;
        }
        int end = doc.length();
        for (String next : new String[] {"\n## ", "\n### "}) {
            int at = doc.indexOf(next, start + heading.length());
            end = at < 0 ? end : Math.min(end, at);
        }
        return doc.substring(start, end);
    }

    /** docs/reference.md of this checkout, found upwards from the module (plugin/ or build-support/plugin-offline/). */
    private static String reference() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path reference = dir.resolve("docs").resolve("reference.md");
            if (Files.isRegularFile(reference)) {
                return Files.readString(reference, StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException(
                "docs/reference.md not found above " + Path.of("").toAbsolutePath());
    }
}
