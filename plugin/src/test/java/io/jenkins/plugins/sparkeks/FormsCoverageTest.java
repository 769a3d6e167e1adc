package io.jenkins.plugins.sparkeks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.config.SparkOnEksConfiguration;
import io.jenkins.plugins.sparkeks.freestyle.EmrStartJobRunBuilder;
import io.jenkins.plugins.sparkeks.freestyle.SparkSubmitEksBuilder;
import io.jenkins.plugins.sparkeks.secrets.SecretValue;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import io.jenkins.plugins.sparkeks.steps.SparkSubmitEksStep;
import io.jenkins.plugins.sparkeks.steps.Toleration;
import java.beans.Introspector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every data-bound property of a step, builder or the global configuration has a help page and a control in its
 * {@code config.jelly} that binds to the property's type, so freestyle users, the Snippet Generator and a save of
 * a job configured elsewhere (Job DSL, Configuration as Code, REST) keep it:
 * <ul>
 *   <li>a scalar: an {@code f:entry field="name"} holding an input control;</li>
 *   <li>a {@code List<String>}: a textarea showing {@code descriptor.formText(instance.name)}, which the step
 *       descriptor's {@code newInstance} splits into lines (Stapler alone would bind the text as one element);</li>
 *   <li>a list of data-bound objects: {@code f:repeatableProperty field="name"};</li>
 *   <li>one data-bound object: {@code f:property field="name"}.</li>
 * </ul>
 */
class FormsCoverageTest {

    private static final String FORM = "/lib/form";
    private static final String CREDENTIALS = "/lib/credentials";
    private static final List<String> INPUTS =
            List.of("textbox", "textarea", "number", "checkbox", "select", "password");

    @ParameterizedTest
    @ValueSource(
            classes = {
                SparkSubmitEksStep.class,
                EmrStartJobRunStep.class,
                Toleration.class,
                SecretValue.class,
                SparkOnEksConfiguration.class,
                SparkSubmitEksBuilder.class,
                EmrStartJobRunBuilder.class
            })
    void everyPropertyHasHelpAndABindingControlOnTheForm(Class<?> type) throws Exception {
        String text = resource(type, "config.jelly");
        assertThat(text)
                .as("%s/config.jelly", type.getSimpleName())
                .isNotNull()
                .startsWith("<?jelly escape-by-default='true'?>");
        Document form = parse(text);
        List<String> problems = new ArrayList<>();
        properties(type).forEach((property, valueType) -> {
            try {
                if (helpFor(type, property) == null) {
                    problems.add(property + ": no help-" + property + ".html");
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            String missing = control(form, property, valueType, getterType(type, property));
            if (missing != null) {
                problems.add(property + ": " + missing);
            }
        });
        assertThat(problems)
                .as("%s properties without help or form control", type.getSimpleName())
                .isEmpty();
    }

    @Test
    void theCheckRecognisesAMissingOrWronglyBoundControl() throws Exception {
        Document form = parse("<j:jelly xmlns:j='jelly:core' xmlns:f='/lib/form'>"
                + "<f:entry field='conf'><f:textarea/></f:entry>"
                + "<f:entry field='name'><f:textbox/></f:entry></j:jelly>");
        Type listOfString =
                FormsCoverageTest.class.getDeclaredMethod("sample", List.class).getGenericParameterTypes()[0];

        assertThat(control(form, "name", String.class, String.class)).isNull();
        assertThat(control(form, "conf", listOfString, List.class)).contains("formText(instance.conf)");
        assertThat(control(form, "jars", listOfString, List.class)).contains("no control");
        assertThat(control(form, "tolerations", List.class, List.class)).contains("no control");

        Document builder =
                parse("<j:jelly xmlns:j='jelly:core' xmlns:f='/lib/form'><f:property field='job'/></j:jelly>");
        assertThat(control(builder, "job", SparkSubmitEksStep.class, SparkSubmitEksStep.class))
                .isNull();
        assertThat(control(
                        builder, "job", SparkSubmitEksStep.class, io.jenkins.plugins.sparkeks.steps.SparkJobStep.class))
                .contains("propertyDescriptor");
    }

    @Test
    void stepsDocumentThemselves() throws IOException {
        assertThat(resource(SparkSubmitEksStep.class, "help.html")).contains("spark-submit");
        assertThat(resource(EmrStartJobRunStep.class, "help.html")).contains("EMR on EKS");
    }

    @SuppressWarnings("unused") // its parameter's generic type is the fixture above
    private static void sample(List<String> entries) {}

    /**
     * Null when {@code property} has a control that binds to {@code valueType}, else what is wrong. {@code shownType}
     * is the erased return type of the property's getter, which is what Jenkins' form tags look the descriptor up by.
     */
    private static String control(Document form, String property, Type valueType, Class<?> shownType) {
        Class<?> raw = erasure(valueType);
        if (List.class.isAssignableFrom(raw)) {
            Type item = valueType instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            if (item == String.class) {
                Element entry = element(form, FORM, "entry", property);
                Element area = entry == null ? null : child(entry, FORM, "textarea");
                if (area == null) {
                    return "no control (an f:entry with an f:textarea)";
                }
                String expected = "${descriptor.formText(instance." + property + ")}";
                return expected.equals(area.getAttribute("value")) ? null : "the textarea must show " + expected;
            }
            return element(form, FORM, "repeatableProperty", property) != null
                    ? null
                    : "no control (f:repeatableProperty) for a list of " + item.getTypeName();
        }
        if (hasDataBoundConstructor(raw)) {
            Element nested = element(form, FORM, "property", property);
            if (nested == null) {
                return "no control (f:property) for " + raw.getSimpleName();
            }
            boolean lookedUpByGetter = shownType == raw;
            return lookedUpByGetter || nested.getAttribute("propertyDescriptor").contains("'" + raw.getName() + "'")
                    ? null
                    : "the getter shows " + shownType.getSimpleName()
                            + ", so f:property needs propertyDescriptor=\"${app.getDescriptor('" + raw.getName()
                            + "')}\"";
        }
        Element entry = element(form, FORM, "entry", property);
        if (entry == null) {
            return "no control (f:entry field=\"" + property + "\")";
        }
        for (String input : INPUTS) {
            if (child(entry, FORM, input) != null) {
                return null;
            }
        }
        return child(entry, CREDENTIALS, "select") != null ? null : "its f:entry holds no input control";
    }

    /** What Stapler binds: @DataBoundConstructor parameters and @DataBoundSetter properties, with their types. */
    private static Map<String, Type> properties(Class<?> type) {
        Map<String, Type> out = new LinkedHashMap<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    out.put(p.getName(), p.getParameterizedType());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                out.put(Introspector.decapitalize(m.getName().substring(3)), m.getGenericParameterTypes()[0]);
            }
        }
        assertThat(out).as("data-bound properties of %s", type.getSimpleName()).isNotEmpty();
        return out;
    }

    /** The erased return type of the getter Jenkins' Descriptor.getPropertyType finds (a public field, else getX()). */
    private static Class<?> getterType(Class<?> type, String property) {
        try {
            return type.getField(property).getType();
        } catch (NoSuchFieldException e) {
            // a getter then
        }
        String name = "get" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 0) {
                return m.getReturnType();
            }
        }
        return null;
    }

    private static boolean hasDataBoundConstructor(Class<?> type) {
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> erasure(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
    }

    private static Element element(Document form, String namespace, String name, String field) {
        NodeList all = form.getElementsByTagNameNS(namespace, name);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (field.equals(e.getAttribute("field"))) {
                return e;
            }
        }
        return null;
    }

    private static Element child(Element parent, String namespace, String name) {
        NodeList all = parent.getElementsByTagNameNS(namespace, name);
        return all.getLength() == 0 ? null : (Element) all.item(0);
    }

    private static Document parse(String jelly) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(jelly.getBytes(StandardCharsets.UTF_8)));
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
