package io.jenkins.plugins.sparkeks.core.k8s.submit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Writes {@code spark.properties} as spark-submit does ({@link Properties#store} escaping, the same header
 * comment), but with the lines sorted and the date taken from the caller's clock, so the same input always gives
 * the same text.
 */
final class SparkPropertiesFile {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.US).withZone(ZoneId.of("UTC"));

    private SparkPropertiesFile() {}

    static String write(String configMapName, Map<String, String> properties, Instant now) {
        Properties p = new Properties();
        p.putAll(properties);
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // one entry per line: store() escapes line breaks inside values, so sorting lines sorts entries
        String body = out.toString().lines()
                .filter(line -> !line.startsWith("#"))
                .sorted()
                .collect(Collectors.joining("\n", "", "\n"));
        return "#Java properties built from Kubernetes config map with name: " + configMapName + "\n"
                + "#" + DATE.format(now) + "\n" + body;
    }
}
