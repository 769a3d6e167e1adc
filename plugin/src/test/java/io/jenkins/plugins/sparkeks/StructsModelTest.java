package io.jenkins.plugins.sparkeks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.StructsParameterTypes.ArrayKind;
import io.jenkins.plugins.sparkeks.StructsParameterTypes.Atomic;
import io.jenkins.plugins.sparkeks.StructsParameterTypes.ErrorKind;
import io.jenkins.plugins.sparkeks.StructsParameterTypes.Heterogeneous;
import io.jenkins.plugins.sparkeks.StructsParameterTypes.Homogeneous;
import io.jenkins.plugins.sparkeks.freestyle.EmrStartJobRunBuilder;
import io.jenkins.plugins.sparkeks.freestyle.SparkSubmitEksBuilder;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import io.jenkins.plugins.sparkeks.steps.SparkSubmitEksStep;
import io.jenkins.plugins.sparkeks.steps.Toleration;
import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Every parameter of both steps and both freestyle builders has a type structs can describe (so Pipeline Syntax ›
 * Steps Reference, the Snippet Generator and Declarative's validator work), classified as structs 362 does
 * ({@link StructsParameterTypes}), and every parameter survives being read back the way structs reads it
 * ({@code uninstantiate}) and set again ({@code instantiate}).
 */
class StructsModelTest {

    private static final Class<?>[] DATA_BOUND = {
        SparkSubmitEksStep.class, EmrStartJobRunStep.class, SparkSubmitEksBuilder.class, EmrStartJobRunBuilder.class
    };

    @Test
    void everyParameterOfTheStepsAndBuildersHasAModelStructsCanDescribe() {
        List<String> problems = new ArrayList<>();
        for (Class<?> type : DATA_BOUND) {
            problems.addAll(StructsParameterTypes.problems(type.getSimpleName(), StructsParameterTypes.model(type)));
        }
        assertThat(problems)
                .as("parameters structs would classify as ErrorType or cannot resolve")
                .isEmpty();
    }

    @Test
    void listParametersAreStringArraysOrNestedModels() {
        Map<String, StructsParameterTypes.Kind> submit = StructsParameterTypes.model(SparkSubmitEksStep.class);

        assertThat(submit.get("conf")).hasToString("String[]");
        assertThat(submit.get("appArgs")).hasToString("String[]");
        assertThat(submit.get("driverCores")).hasToString("int");
        assertThat(submit.get("tolerations"))
                .isInstanceOfSatisfying(
                        ArrayKind.class,
                        a -> assertThat(a.element())
                                .isInstanceOfSatisfying(
                                        Homogeneous.class,
                                        h -> assertThat(h.parameters())
                                                .containsOnlyKeys(
                                                        "key", "operator", "value", "effect", "tolerationSeconds")));
        assertThat(StructsParameterTypes.model(SparkSubmitEksBuilder.class).get("job"))
                .isInstanceOf(Homogeneous.class);
    }

    /** The types the steps used to take, and a few more, classified as ParameterType.of classifies them. */
    @SuppressWarnings("unused")
    static class Fixture {
        @DataBoundConstructor
        public Fixture() {}

        public void map(Map<String, ?> v) {}

        public void wildcardList(List<?> v) {}

        public void listOfMaps(List<? extends Map<String, ?>> v) {}

        public void rawList(List v) {}

        public void strings(List<String> v) {}

        public void arrayList(ArrayList<String> v) {}

        public void set(Set<Integer> v) {}

        public void array(String[] v) {}

        public void number(Integer v) {}

        public void flag(boolean v) {}

        public void toleration(Toleration v) {}

        public void notDataBound(StringBuilder v) {}
    }

    /** A class with one Map-typed setter, as the steps had before: the guard must name it. */
    public static class WithAMap {
        @DataBoundConstructor
        public WithAMap() {}

        @DataBoundSetter
        public void setName(String name) {}

        @DataBoundSetter
        public void setConf(Map<String, ?> conf) {}
    }

    @Test
    void theClassifierFollowsStructs() {
        assertThat(kind("map")).isInstanceOf(ErrorKind.class);
        assertThat(kind("wildcardList"))
                .isInstanceOfSatisfying(
                        ArrayKind.class, a -> assertThat(a.element()).isInstanceOf(ErrorKind.class));
        assertThat(kind("listOfMaps"))
                .isInstanceOfSatisfying(
                        ArrayKind.class, a -> assertThat(a.element()).isInstanceOf(ErrorKind.class));
        assertThat(kind("rawList")).isInstanceOf(Heterogeneous.class);
        assertThat(kind("strings")).hasToString("String[]");
        assertThat(kind("arrayList")).hasToString("String[]");
        assertThat(kind("set")).hasToString("int[]");
        assertThat(kind("array")).hasToString("String[]");
        assertThat(kind("number")).isEqualTo(new Atomic(Integer.class));
        assertThat(kind("flag")).hasToString("boolean");
        assertThat(kind("toleration")).isInstanceOf(Homogeneous.class);
        assertThat(kind("notDataBound")).isInstanceOf(ErrorKind.class);

        assertThat(StructsParameterTypes.problems("WithAMap", StructsParameterTypes.model(WithAMap.class)))
                .singleElement()
                .asString()
                .startsWith("WithAMap.conf: ErrorType(java.util.Map<java.lang.String, ?>");
    }

    private static StructsParameterTypes.Kind kind(String method) {
        for (Method m : Fixture.class.getDeclaredMethods()) {
            if (m.getName().equals(method)) {
                return StructsParameterTypes.of(m.getGenericParameterTypes()[0]);
            }
        }
        throw new IllegalArgumentException(method);
    }

    @ParameterizedTest
    @ValueSource(
            classes = {
                SparkSubmitEksStep.class,
                EmrStartJobRunStep.class,
                SparkSubmitEksBuilder.class,
                EmrStartJobRunBuilder.class,
                Toleration.class
            })
    void everyParameterSetIsReadBackAndRebuildsAnEqualObject(Class<?> type) throws Exception {
        Object configured = sample(type);
        Map<String, Object> read = uninstantiate(configured);

        assertThat(read.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        StructsParameterTypes.model(type).keySet());
        assertThat(read.values())
                .as("every parameter of %s was set to a value differing from its default", type.getSimpleName())
                .doesNotContainNull();
        assertSameParameters(type.getSimpleName(), configured, instantiate(type, read));
    }

    /** An instance with every parameter set to a value that differs from the default. */
    private static Object sample(Class<?> type) throws Exception {
        Constructor<?> constructor = dataBoundConstructor(type);
        Parameter[] params = constructor.getParameters();
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            args[i] = sampleValue(params[i].getName(), params[i].getParameterizedType(), null);
        }
        Object o = constructor.newInstance(args);
        for (Map.Entry<String, Method> setter : setters(type).entrySet()) {
            Object defaultValue = read(o, setter.getKey());
            setter.getValue()
                    .invoke(
                            o,
                            sampleValue(
                                    setter.getKey(), setter.getValue().getGenericParameterTypes()[0], defaultValue));
        }
        return o;
    }

    private static Object sampleValue(String name, Type type, Object defaultValue) throws Exception {
        Class<?> raw = StructsParameterTypes.erasure(type);
        if (raw == String.class) {
            return name.toLowerCase(Locale.ROOT) + "-value";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return !Boolean.TRUE.equals(defaultValue);
        }
        if (raw == Integer.class || raw == int.class) {
            return 7 + name.length();
        }
        if (raw == List.class) {
            Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
            return item == String.class ? List.of(name + "=1", name + ".b=x=y") : List.of(sample((Class<?>) item));
        }
        return sample(raw);
    }

    /** What structs' uninstantiate reads: a public field, else getX(), else isX(), for every parameter. */
    private static Map<String, Object> uninstantiate(Object o) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : StructsParameterTypes.model(o.getClass()).keySet()) {
            out.put(name, read(o, name));
        }
        return out;
    }

    /** What structs' instantiate does with those values: the constructor's parameters, then each setter. */
    private static Object instantiate(Class<?> type, Map<String, Object> values) throws Exception {
        Constructor<?> constructor = dataBoundConstructor(type);
        Parameter[] params = constructor.getParameters();
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            args[i] = values.get(params[i].getName());
        }
        Object o = constructor.newInstance(args);
        for (Map.Entry<String, Method> setter : setters(type).entrySet()) {
            setter.getValue().invoke(o, values.get(setter.getKey()));
        }
        return o;
    }

    private static void assertSameParameters(String path, Object expected, Object actual) throws Exception {
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            assertThat(a).as(path).hasSameSizeAs(e);
            for (int i = 0; i < e.size(); i++) {
                assertSameParameters(path + "[" + i + "]", e.get(i), a.get(i));
            }
        } else if (expected != null && dataBoundConstructorOrNull(expected.getClass()) != null) {
            assertThat(actual).as(path).isInstanceOf(expected.getClass());
            for (String name : StructsParameterTypes.model(expected.getClass()).keySet()) {
                assertSameParameters(path + "." + name, read(expected, name), read(actual, name));
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static Object read(Object o, String name) throws Exception {
        Class<?> type = o.getClass();
        try {
            return type.getField(name).get(o);
        } catch (NoSuchFieldException e) {
            // structs looks for a getter next
        }
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        try {
            return type.getMethod("get" + capitalized).invoke(o);
        } catch (NoSuchMethodException e) {
            return type.getMethod("is" + capitalized).invoke(o);
        }
    }

    private static Map<String, Method> setters(Class<?> type) {
        Map<String, Method> out = new LinkedHashMap<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                out.put(Introspector.decapitalize(m.getName().substring(3)), m);
            }
        }
        return out;
    }

    private static Constructor<?> dataBoundConstructor(Class<?> type) {
        Constructor<?> c = dataBoundConstructorOrNull(type);
        assertThat(c).as("@DataBoundConstructor of %s", type.getName()).isNotNull();
        return c;
    }

    private static Constructor<?> dataBoundConstructorOrNull(Class<?> type) {
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                return c;
            }
        }
        return null;
    }
}
