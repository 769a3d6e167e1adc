package io.jenkins.plugins.sparkeks.buildsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inherited rows of plugin-dependencies.txt and the formatter versions the root pom copies from plugin-pom were
 * read at one plugin-pom version; a new parent in plugin/pom.xml makes both stale without any build noticing.
 */
final class ParentPinsCheck {

    private final Workspace workspace;

    ParentPinsCheck(Workspace workspace) {
        this.workspace = workspace;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        DependencyMap map = workspace.dependencyMap();
        String parent = workspace.pluginPom().parent();
        if (!map.parent().equals(parent)) {
            problems.add("plugin/pom.xml's parent is " + parent + " but plugin-dependencies.txt was checked against "
                    + map.parent() + ": re-read that plugin-pom's <dependencies> and spotless configuration, update"
                    + " the inherited and pin rows and the root pom's spotless execution, then the parent row");
        }
        Map<String, String> rootProperties = workspace.rootPom().properties();
        map.pins().forEach((property, version) -> {
            if (!version.equals(rootProperties.get(property))) {
                problems.add("root pom property " + property + " is " + rootProperties.get(property) + " but "
                        + map.parent() + " pins " + version);
            }
        });
        return problems;
    }
}
