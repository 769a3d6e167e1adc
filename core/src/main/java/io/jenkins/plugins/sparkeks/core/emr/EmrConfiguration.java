package io.jenkins.plugins.sparkeks.core.emr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One application configuration classification ({@code spark-defaults}, {@code spark-log4j2}, {@code spark-env},
 * ...) with its properties and nested classifications (e.g. {@code export} inside {@code spark-env}).
 * Property values may be secrets, so {@link #toString()} shows keys only.
 */
public record EmrConfiguration(String classification, Map<String, String> properties, List<EmrConfiguration> configurations) {

    public EmrConfiguration {
        Objects.requireNonNull(classification, "classification");
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        configurations = configurations == null ? List.of() : List.copyOf(configurations);
    }

    public static EmrConfiguration of(String classification, Map<String, String> properties) {
        return new EmrConfiguration(classification, properties, List.of());
    }

    @Override
    public String toString() {
        return "EmrConfiguration[" + classification + ", keys=" + properties.keySet()
                + (configurations.isEmpty() ? "" : ", configurations="
                        + configurations.stream().map(EmrConfiguration::toString).collect(Collectors.joining(", ", "[", "]")))
                + "]";
    }
}
