package io.jenkins.plugins.sparkeks.core.job;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A stable short digest of what a submission asks for, so that a repeat under the same {@link SubmissionKey} can be
 * told apart from a different job reusing the key. It never sees a secret value: a component named as secret keeps
 * only its keys, and a map entry whose key looks sensitive keeps only its key, so rotating a password is not a
 * different job and no digest can be matched against guessed secrets. Null and empty components are left out, so
 * adding an optional field in a later version does not change the digest of requests that do not use it.
 *
 * @param value 16 lower-case hex characters (the start of a SHA-256)
 */
public record SpecFingerprint(String value) {

    public static final int LENGTH = 16;

    public SpecFingerprint {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[0-9a-f]{" + LENGTH + "}")) {
            throw new IllegalArgumentException("not a spec fingerprint: " + value);
        }
    }

    /**
     * @param spec             a record (nested records, lists, maps, enums and scalars are followed)
     * @param secretComponents record components whose map values are secrets (only their keys count)
     * @param sensitiveKey     map keys whose values are secrets wherever they appear
     */
    public static SpecFingerprint of(Record spec, Set<String> secretComponents, Predicate<String> sensitiveKey) {
        StringBuilder canonical = new StringBuilder();
        append(canonical, spec, secretComponents, sensitiveKey, false);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return new SpecFingerprint(HexFormat.of().formatHex(digest).substring(0, LENGTH));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void append(StringBuilder out, Object value, Set<String> secret, Predicate<String> sensitive, boolean keysOnly) {
        if (value instanceof Record r) {
            out.append('{');
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName(), e);
                }
                if (v == null || v instanceof Collection<?> col && col.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty()) {
                    continue;
                }
                out.append(c.getName()).append('=');
                append(out, v, secret, sensitive, secret.contains(c.getName()));
                out.append(';');
            }
            out.append('}');
        } else if (value instanceof Map<?, ?> map) {
            // key order carries no meaning in any of our maps
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            out.append('{');
            sorted.forEach((k, v) -> {
                quote(out, k);
                if (!keysOnly && !sensitive.test(k)) {
                    out.append(':');
                    append(out, v, secret, sensitive, false);
                }
                out.append(',');
            });
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            list.forEach(v -> {
                append(out, v, secret, sensitive, false);
                out.append(',');
            });
            out.append(']');
        } else if (value instanceof Enum<?> e) {
            out.append(e.name());
        } else if (value == null) {
            out.append("null");
        } else {
            quote(out, value.toString());
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }

    @Override
    public String toString() {
        return value;
    }
}
