package io.jenkins.plugins.sparkeks.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job run's {@code sparkSubmitParameters} as the job-runner's spark-submit reads them: {@code --class}, and every
 * other option as the Spark property it stands for, so they can go into the driver's {@code spark.properties}.
 *
 * @param mainClass  {@code --class}, or null
 * @param properties the properties the options set, in order
 */
record EmrSubmitParameters(String mainClass, Map<String, String> properties) {

    /** spark-submit's options that are shorthands for a property. */
    private static final Map<String, String> OPTION_PROPERTIES = Map.ofEntries(
            Map.entry("--name", "spark.app.name"),
            Map.entry("--jars", "spark.jars"),
            Map.entry("--files", "spark.files"),
            Map.entry("--py-files", "spark.submit.pyFiles"),
            Map.entry("--archives", "spark.archives"),
            Map.entry("--packages", "spark.jars.packages"),
            Map.entry("--repositories", "spark.jars.repositories"),
            Map.entry("--exclude-packages", "spark.jars.excludes"),
            Map.entry("--driver-memory", "spark.driver.memory"),
            Map.entry("--driver-cores", "spark.driver.cores"),
            Map.entry("--driver-java-options", "spark.driver.extraJavaOptions"),
            Map.entry("--driver-class-path", "spark.driver.extraClassPath"),
            Map.entry("--driver-library-path", "spark.driver.extraLibraryPath"),
            Map.entry("--executor-memory", "spark.executor.memory"),
            Map.entry("--executor-cores", "spark.executor.cores"),
            Map.entry("--num-executors", "spark.executor.instances"));

    EmrSubmitParameters {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** @throws IllegalArgumentException for what spark-submit would refuse: an unknown option or one without value */
    static EmrSubmitParameters parse(String parameters) {
        List<String> words = words(parameters == null ? "" : parameters);
        String mainClass = null;
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--verbose") || word.equals("-v")) {
                continue;
            }
            String option = word;
            String value;
            int eq = word.indexOf('=');
            if (word.startsWith("--") && eq > 0 && !word.startsWith("--conf=")) {
                option = word.substring(0, eq);
                value = word.substring(eq + 1);
            } else if (word.startsWith("--conf=")) {
                option = "--conf";
                value = word.substring("--conf=".length());
            } else if (i + 1 < words.size()) {
                value = words.get(++i);
            } else {
                throw new IllegalArgumentException("Missing argument for option '" + word + "'");
            }
            switch (option) {
                case "--class" -> mainClass = value;
                case "--conf", "-c" -> {
                    int at = value.indexOf('=');
                    if (at <= 0) {
                        throw new IllegalArgumentException("a --conf value has no '=' (key=value)");
                    }
                    properties.put(value.substring(0, at), value.substring(at + 1));
                }
                default -> {
                    String property = OPTION_PROPERTIES.get(option);
                    if (property == null) {
                        throw new IllegalArgumentException("Unrecognized option: " + option);
                    }
                    properties.put(property, value);
                }
            }
        }
        return new EmrSubmitParameters(mainClass, properties);
    }

    /** Splits on white space outside single or double quotes, which are removed, as a shell would. */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced quote in sparkSubmitParameters");
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }
}
