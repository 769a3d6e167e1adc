package io.jenkins.plugins.sparkeks.steps;

import java.beans.Introspector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * How the {@code List<String>} parameters of a step travel through a form: as a textarea, one entry per line.
 * Stapler would bind a textarea's text to a list as one element holding every line, and json-lib turns texts
 * such as {@code [a, b]} or {@code null} into JSON structures when they are put into a JSON array. So the step's
 * descriptor takes these texts out of the submitted form before Stapler binds the rest, splits them into lines
 * and hands the lines to the setters itself.
 */
final class FormLists {

    private FormLists() {}

    /**
     * Removes from {@code form} the text of every {@code List<String>} property of {@code type} and returns it
     * split into entries: one per non-blank line, surrounding white space removed. Values that are not text
     * (absent, or already a JSON array) are left for Stapler.
     */
    static Map<String, List<String>> take(Class<?> type, JSONObject form) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String property : stringListProperties(type).keySet()) {
            Object value = form.get(property);
            if (value instanceof String text) {
                form.remove(property);
                out.put(property, lines(text));
            }
        }
        return out;
    }

    /** Calls the setter of each property taken by {@link #take}. */
    static void apply(Object target, Map<String, List<String>> taken) {
        Map<String, Method> setters = stringListProperties(target.getClass());
        taken.forEach((property, entries) -> {
            try {
                setters.get(property).invoke(target, entries);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(
                        "Cannot set " + property + " of " + target.getClass().getSimpleName(), e);
            }
        });
    }

    /** The text a textarea shows for a list: one entry per line. */
    static String text(List<String> entries) {
        return entries == null ? "" : String.join("\n", entries);
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    /** Public {@code @DataBoundSetter} methods, inherited ones included, whose one parameter is a {@code List<String>}. */
    static Map<String, Method> stringListProperties(Class<?> type) {
        Map<String, Method> out = new LinkedHashMap<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)
                    && m.getName().startsWith("set")
                    && m.getParameterCount() == 1
                    && isListOfString(m.getGenericParameterTypes()[0])) {
                out.put(Introspector.decapitalize(m.getName().substring(3)), m);
            }
        }
        return out;
    }

    private static boolean isListOfString(Type t) {
        return t instanceof ParameterizedType p
                && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == String.class;
    }
}
