package io.jenkins.plugins.sparkeks.buildsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Issue 8 point 2's class of defect. maven-hpi-plugin (AbstractHpiMojo#buildWebapp, 3.1837.v072a_33082b_16 as
 * plugin-pom 6.2221 pins it) collects the artifactIds it bundles, sorts them with Collections.sort and compares that
 * list with hpi.bundledArtifacts as written; with hpi.strictBundledArtifacts the build fails on any difference,
 * including order. What gets bundled: runtime-scope (compile or runtime), non-optional jars that are not Jenkins
 * plugins and do not come through one or through jenkins-core. Computable from the POM alone when every bundled
 * jar excludes its own dependencies, which this check requires.
 */
final class BundledArtifactsCheck {

    private final PomFile pluginPom;
    private final DependencyMap map;

    BundledArtifactsCheck(Workspace workspace) {
        this.pluginPom = workspace.pluginPom();
        this.map = workspace.dependencyMap();
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!"true".equals(pluginPom.properties().get("hpi.strictBundledArtifacts"))) {
            problems.add("hpi.strictBundledArtifacts is not true: the real build would only warn about a wrong list");
        }
        String property = pluginPom.properties().get("hpi.bundledArtifacts");
        if (property == null) {
            problems.add("plugin/pom.xml sets no hpi.bundledArtifacts");
            return problems;
        }
        List<String> configured = Arrays.asList(property.split(",", -1));
        List<String> sorted = new ArrayList<>(configured);
        sorted.sort(null);
        if (!configured.equals(sorted)) {
            problems.add("hpi.bundledArtifacts is not sorted; maven-hpi-plugin compares the sorted actual list with it"
                    + " as written. Write: " + String.join(",", sorted));
        }
        Set<String> expected = new TreeSet<>();
        for (Dependency d : pluginPom.dependencies()) {
            if (bundled(d)) {
                expected.add(d.artifactId());
                if (!d.excludesEverything()) {
                    problems.add(d.key() + " is bundled but does not exclude *:*, so its own dependencies would be"
                            + " bundled too and the list could not be checked here");
                }
            }
        }
        if (!new TreeSet<>(configured).equals(expected) || configured.size() != expected.size()) {
            problems.add("hpi.bundledArtifacts names " + configured + " but plugin/pom.xml bundles " + expected
                    + " (compile/runtime, non-optional jars that are not plugin rows in plugin-dependencies.txt)");
        }
        for (String plugin : map.plugins()) {
            boolean declared = pluginPom.dependencies().stream()
                    .anyMatch(d -> d.key().equals(plugin) && !d.effectiveScope().equals("test"));
            if (!declared) {
                problems.add("plugin row " + plugin + " is not a non-test dependency of plugin/pom.xml");
            }
        }
        return problems;
    }

    private boolean bundled(Dependency d) {
        String scope = d.effectiveScope();
        return (scope.equals("compile") || scope.equals("runtime"))
                && !d.optional()
                && d.effectiveType().equals("jar")
                && !map.plugins().contains(d.key());
    }
}
