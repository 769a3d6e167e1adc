package io.jenkins.plugins.sparkeks.emulator.logs;

import java.util.Arrays;
import java.util.List;

/**
 * The part of CloudWatch's filter-pattern syntax the emulator honours: empty (everything), one quoted phrase, or
 * space-separated terms that must all occur. JSON and space-delimited patterns are refused rather than half-done.
 */
record FilterPattern(List<String> terms) {
    static FilterPattern parse(String pattern) {
        String p = pattern.trim();
        if (p.isEmpty()) {
            return new FilterPattern(List.of());
        }
        if (p.startsWith("{") || p.startsWith("[") || p.startsWith("%")) {
            throw CloudWatchLogsService.invalidParameter(
                    "The emulator supports only term and quoted-phrase filter patterns, not: " + p);
        }
        if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
            return new FilterPattern(List.of(p.substring(1, p.length() - 1)));
        }
        return new FilterPattern(Arrays.stream(p.split("\\s+")).toList());
    }

    boolean matches(String message) {
        return terms.stream().allMatch(message::contains);
    }
}
