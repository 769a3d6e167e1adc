package io.jenkins.plugins.sparkeks.buildsupport;

import java.util.HashMap;
import java.util.Map;

/** What the real build declares: plugin/pom.xml's dependencies over the ones plugin-pom gives every plugin. */
final class PluginDeclarations {

    private final Map<String, String> scopes = new HashMap<>();

    PluginDeclarations(PomFile pluginPom, DependencyMap map) {
        scopes.putAll(map.inherited());
        for (Dependency d : pluginPom.dependencies()) {
            scopes.put(d.key(), d.effectiveScope());
        }
    }

    /** Null when declared so; otherwise why not, for a problem message. */
    String mismatch(Declaration wanted) {
        String actual = scopes.get(wanted.key());
        if (actual == null) {
            return wanted.key() + " is not declared in plugin/pom.xml (nor inherited from plugin-pom)";
        }
        return actual.equals(wanted.scope())
                ? null
                : wanted.key() + " is declared in plugin/pom.xml with scope " + actual + ", not " + wanted.scope();
    }
}
