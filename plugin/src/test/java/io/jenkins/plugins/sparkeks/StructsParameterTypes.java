package io.jenkins.plugins.sparkeks;

import com.google.common.primitives.Primitives;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * An offline replica of how structs classifies the parameters of a data-bound class, so the default build can
 * tell which parameter types Pipeline Syntax (Steps Reference, Snippet Generator, Declarative's validator) can
 * describe. Read from structs 362.va_b_695ef4fdf9 (the version BOM 6916 gives Jenkins 2.541.x; commit ab695ef4fdf9
 * of jenkinsci/structs-plugin), {@code src/main/java/org/jenkinsci/plugins/structs/describable/}:
 * <ul>
 *   <li>{@code ParameterType.of(Type)}: a {@code Class} that is {@code String} or a primitive or its wrapper is
 *       atomic; an enum is an enum type; {@code URL} and {@code hudson.model.Result} are atomic strings; an array
 *       class is an array of {@code of(componentType)}; any other class is a nested object, homogeneous when
 *       Jenkins knows no other subtype of it and it is concrete, else heterogeneous. A non-class type whose
 *       erasure is a {@code Collection} is an array of {@code of(}its {@code Collection} type argument{@code )};
 *       anything else, and any exception on the way, is {@code ErrorType}.</li>
 *   <li>{@code HomogeneousObjectType} builds {@code DescribableModel.of(class)}, which throws (so: ErrorType)
 *       without a public {@code @DataBoundConstructor}, or for a {@code @DataBoundSetter} method that is not a
 *       one-argument {@code set...} method.</li>
 *   <li>{@code DescribableModel}: parameters are the constructor's, then {@code @DataBoundSetter} fields and
 *       methods of the class and its superclasses, in name order.</li>
 *   <li>tiger-types {@code Types} (erasure, {@code getBaseClass}, {@code getTypeArgument}) resolve the type
 *       argument; a wildcard argument ({@code List<?>}) is not a class and not a collection, so it is an error.</li>
 * </ul>
 * Offline there is no Jenkins to list a type's registered subtypes; an abstract nested type is reported as
 * heterogeneous with unknown subtypes, which the guard rejects, and a concrete one is taken as homogeneous (true of
 * our own nested types, which no other class extends).
 */
final class StructsParameterTypes {

    private StructsParameterTypes() {}

    /** The classification of one type, printed the way structs prints a model ({@code String[]}, nested models). */
    sealed interface Kind permits Atomic, EnumKind, ArrayKind, Homogeneous, Heterogeneous, ErrorKind {}

    record Atomic(Class<?> type) implements Kind {
        @Override
        public String toString() {
            return Primitives.unwrap(type).getSimpleName();
        }
    }

    record EnumKind(Class<?> type) implements Kind {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    record ArrayKind(Kind element) implements Kind {
        @Override
        public String toString() {
            return element + "[]";
        }
    }

    /** A nested data-bound class and its own parameters' classifications. */
    record Homogeneous(Class<?> type, Map<String, Kind> parameters) implements Kind {
        @Override
        public String toString() {
            return type.getSimpleName() + parameters;
        }
    }

    record Heterogeneous(Class<?> type) implements Kind {
        @Override
        public String toString() {
            return "one of the subtypes of " + type.getSimpleName() + " (unknown offline)";
        }
    }

    record ErrorKind(Type type, String reason) implements Kind {
        @Override
        public String toString() {
            return "ErrorType(" + type.getTypeName() + ": " + reason + ")";
        }
    }

    /** The model of a data-bound class: each parameter's name and classification, in structs' order. */
    static Map<String, Kind> model(Class<?> type) {
        return model(type, new ArrayList<>());
    }

    /** Each problem of a model as "path: classification", empty when structs can describe every parameter. */
    static List<String> problems(String path, Map<String, Kind> model) {
        List<String> out = new ArrayList<>();
        model.forEach((name, kind) -> collect(path + "." + name, kind, out));
        return out;
    }

    private static void collect(String path, Kind kind, List<String> out) {
        if (kind instanceof ErrorKind || kind instanceof Heterogeneous) {
            out.add(path + ": " + kind);
        } else if (kind instanceof ArrayKind a) {
            collect(path + "[]", a.element(), out);
        } else if (kind instanceof Homogeneous h) {
            out.addAll(problems(path, h.parameters()));
        }
    }

    static Kind of(Type type) {
        return of(type, new ArrayList<>());
    }

    private static Kind of(Type type, List<Class<?>> enclosing) {
        try {
            if (type instanceof Class<?> c) {
                if (c == String.class || Primitives.unwrap(c).isPrimitive()) {
                    return new Atomic(c);
                }
                if (Enum.class.isAssignableFrom(c)) {
                    return new EnumKind(c);
                }
                if (c == URL.class || c.getName().equals("hudson.model.Result")) {
                    return new Atomic(String.class);
                }
                if (c.isArray()) {
                    return new ArrayKind(of(c.getComponentType(), enclosing));
                }
                if (Modifier.isAbstract(c.getModifiers())) {
                    return new Heterogeneous(c);
                }
                if (enclosing.contains(c)) {
                    // structs prints a recursive model by name; the parameters were classified further out
                    return new Homogeneous(c, Map.of());
                }
                return new Homogeneous(c, model(c, enclosing));
            }
            if (Collection.class.isAssignableFrom(erasure(type))) {
                Type base = baseClass(type, Collection.class);
                Type argument = base instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
                return new ArrayKind(of(argument, enclosing));
            }
            return new ErrorKind(type, "do not know how to categorize attributes of type " + type);
        } catch (RuntimeException e) {
            return new ErrorKind(type, e.getMessage());
        }
    }

    private static Map<String, Kind> model(Class<?> type, List<Class<?>> enclosing) {
        Constructor<?> constructor = null;
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                constructor = c;
            }
        }
        if (constructor == null) {
            throw new IllegalArgumentException("There's no @DataBoundConstructor on any constructor of " + type);
        }
        enclosing.add(type);
        try {
            Map<String, Kind> parameters = new LinkedHashMap<>();
            for (Parameter p : constructor.getParameters()) {
                if (!p.isNamePresent()) {
                    throw new IllegalArgumentException(type + " is not compiled with -parameters");
                }
                parameters.put(p.getName(), of(p.getParameterizedType(), enclosing));
            }
            Map<String, Kind> rest = new TreeMap<>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.isAnnotationPresent(DataBoundSetter.class)) {
                        rest.put(f.getName(), of(f.getGenericType(), enclosing));
                    }
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(DataBoundSetter.class)) {
                        if (!m.getName().startsWith("set") || m.getParameterCount() != 1) {
                            throw new IllegalStateException(m + " cannot be a @DataBoundSetter");
                        }
                        String name =
                                java.beans.Introspector.decapitalize(m.getName().substring(3));
                        rest.put(name, of(m.getGenericParameterTypes()[0], enclosing));
                    }
                }
            }
            parameters.putAll(rest);
            return parameters;
        } finally {
            enclosing.remove(type);
        }
    }

    /** tiger-types {@code Types.erasure}. */
    static Class<?> erasure(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return erasure(p.getRawType());
        }
        if (t instanceof GenericArrayType g) {
            return java.lang.reflect.Array.newInstance(erasure(g.getGenericComponentType()), 0)
                    .getClass();
        }
        if (t instanceof TypeVariable<?> v) {
            return erasure(v.getBounds()[0]);
        }
        return erasure(((WildcardType) t).getUpperBounds()[0]);
    }

    /**
     * tiger-types {@code Types.getBaseClass}: how {@code type} parameterises {@code base}, its type variables bound
     * to the arguments on the way; null when it is not found (for example through a wildcard).
     */
    private static Type baseClass(Type type, Class<?> base) {
        if (type instanceof Class<?> c) {
            if (c == base) {
                return base;
            }
            List<Type> supers = new ArrayList<>();
            if (c.getGenericSuperclass() != null) {
                supers.add(c.getGenericSuperclass());
            }
            supers.addAll(List.of(c.getGenericInterfaces()));
            for (Type s : supers) {
                Type r = baseClass(s, base);
                if (r != null) {
                    return r;
                }
            }
            return null;
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (raw == base) {
                return p;
            }
            List<Type> supers = new ArrayList<>();
            if (raw.getGenericSuperclass() != null) {
                supers.add(raw.getGenericSuperclass());
            }
            supers.addAll(List.of(raw.getGenericInterfaces()));
            for (Type s : supers) {
                Type r = baseClass(bind(s, raw.getTypeParameters(), p.getActualTypeArguments()), base);
                if (r != null) {
                    return r;
                }
            }
            return null;
        }
        if (type instanceof TypeVariable<?> v) {
            return baseClass(v.getBounds()[0], base);
        }
        return null;
    }

    private static Type bind(Type t, TypeVariable<?>[] variables, Type[] arguments) {
        if (t instanceof TypeVariable<?> v) {
            for (int i = 0; i < variables.length; i++) {
                if (variables[i].equals(v)) {
                    return arguments[i];
                }
            }
            return v;
        }
        if (t instanceof ParameterizedType p) {
            Type[] bound = p.getActualTypeArguments().clone();
            for (int i = 0; i < bound.length; i++) {
                bound[i] = bind(bound[i], variables, arguments);
            }
            return new Bound((Class<?>) p.getRawType(), bound);
        }
        return t;
    }

    /** A parameterised type with its variables replaced, as tiger-types' ParameterizedTypeImpl. */
    private record Bound(Class<?> raw, Type[] arguments) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    }
}
