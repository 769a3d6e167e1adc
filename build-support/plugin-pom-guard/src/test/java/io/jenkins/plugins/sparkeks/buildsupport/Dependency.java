package io.jenkins.plugins.sparkeks.buildsupport;

/** One {@code <dependency>} as a POM writes it; absent scope/type stay null so callers apply Maven's defaults. */
record Dependency(
        String groupId,
        String artifactId,
        String classifier,
        String type,
        String scope,
        boolean optional,
        boolean excludesEverything) {

    /** groupId:artifactId[:classifier], the spelling plugin-dependencies.txt uses. */
    String key() {
        return key(groupId, artifactId, classifier);
    }

    static String key(String groupId, String artifactId, String classifier) {
        String ga = groupId + ":" + artifactId;
        return classifier == null || classifier.isEmpty() ? ga : ga + ":" + classifier;
    }

    String effectiveScope() {
        return scope == null ? "compile" : scope;
    }

    String effectiveType() {
        return type == null ? "jar" : type;
    }
}
