package io.jenkins.plugins.sparkeks.buildsupport;

/**
 * A dependency the offline build puts on plugin/src's classpath, with the scope it ends up in there and the path
 * that brought it (for messages).
 */
record GivenDependency(Dependency dependency, String scope, String via) {

    String key() {
        return dependency.key();
    }

    @Override
    public String toString() {
        return key() + " (" + scope + ", " + via + ")";
    }
}
