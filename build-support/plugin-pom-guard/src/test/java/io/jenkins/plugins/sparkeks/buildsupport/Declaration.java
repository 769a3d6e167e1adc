package io.jenkins.plugins.sparkeks.buildsupport;

/** A dependency of plugin/pom.xml (groupId:artifactId[:classifier]) and the scope it is declared with. */
record Declaration(String key, String scope) {

    /** compile and provided are both on plugin/src/main's compile classpath; test and runtime are not. */
    boolean visibleToMain() {
        return visibleToMain(scope);
    }

    static boolean visibleToMain(String scope) {
        return scope.equals("compile") || scope.equals("provided");
    }

    @Override
    public String toString() {
        return key + " (" + scope + ")";
    }
}
