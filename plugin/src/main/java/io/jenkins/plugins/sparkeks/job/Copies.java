package io.jenkins.plugins.sparkeks.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Unmodifiable, serialisable, order-keeping copies of the collections a step was given; null becomes empty. */
final class Copies {

    private Copies() {}

    static List<String> list(List<String> in) {
        return in == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(in));
    }

    static Map<String, String> map(Map<String, String> in) {
        return in == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(in));
    }
}
