package io.jenkins.plugins.sparkeks.signatures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The stand-in lines that are meant to differ from upstream, each with its reason. File format, one entry a line:
 * {@code <type>: <stand-in line> | <reason>}, or {@code annotation <qualified name> | <reason>} for an annotation
 * that upstream carries and the stand-ins leave out everywhere; blank lines and lines starting with {@code #} are
 * comments.
 */
public record KnownDifferences(Map<String, String> reasons, Map<String, String> leftOutAnnotations) {
    private static final String ANNOTATION = "annotation ";

    public static final String FILE = "build-support/signature-check/known-differences.txt";

    public KnownDifferences {
        // insertion order: the report lists them as the file does, so reruns give the same report
        reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
        leftOutAnnotations = Collections.unmodifiableMap(new LinkedHashMap<>(leftOutAnnotations));
    }

    public static KnownDifferences read(Path repositoryRoot) {
        Map<String, String> reasons = new LinkedHashMap<>();
        Map<String, String> annotations = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(repositoryRoot.resolve(FILE))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.lastIndexOf(" | ");
                if (bar < 0 || line.substring(bar + 3).isBlank()) {
                    throw new IllegalArgumentException("known difference without a reason: " + line);
                }
                String entry = line.substring(0, bar).strip();
                String reason = line.substring(bar + 3).strip();
                if (entry.startsWith(ANNOTATION)) {
                    annotations.put(entry.substring(ANNOTATION.length()).strip(), reason);
                } else {
                    reasons.put(entry, reason);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KnownDifferences(reasons, annotations);
    }

    public static String key(String type, String line) {
        return type + ": " + line;
    }

    public boolean contains(String type, String line) {
        return reasons.containsKey(key(type, line));
    }

    /** The line without the annotations the stand-ins leave out everywhere. */
    public String withoutLeftOutAnnotations(String line) {
        String result = line;
        for (String annotation : leftOutAnnotations.keySet()) {
            result = result.replaceAll("@" + Pattern.quote(annotation) + "(\\([^()]*\\))? ", "");
        }
        return result;
    }
}
