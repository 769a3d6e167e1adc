package io.jenkins.plugins.sparkeks.buildsupport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What build-support/plugin-offline gives plugin/src: its own dependencies (and the root pom's), and, one level
 * down, the dependencies of the modules whose own dependencies do not exist in the real build: the stand-in
 * modules, and reactor modules plugin/pom.xml declares with a *:* exclusion (core), whose dependencies the real
 * build gets from library plugins instead. Other dependencies bring the same transitive ones in both builds.
 */
final class OfflineClasspath {

    private final Workspace workspace;
    private final DependencyMap map;
    private final PomFile pluginPom;

    OfflineClasspath(Workspace workspace, DependencyMap map) {
        this.workspace = workspace;
        this.map = map;
        this.pluginPom = workspace.pluginPom();
    }

    List<GivenDependency> dependencies() {
        List<GivenDependency> result = new ArrayList<>();
        Set<String> expanded = new HashSet<>();
        List<Dependency> direct = new ArrayList<>(workspace.offlinePom().dependencies());
        direct.addAll(workspace.rootPom().dependencies());
        for (Dependency d : direct) {
            add(new GivenDependency(d, d.effectiveScope(), "plugin-offline"), result, expanded);
        }
        return List.copyOf(result);
    }

    private void add(GivenDependency given, List<GivenDependency> result, Set<String> expanded) {
        result.add(given);
        String artifactId = given.dependency().artifactId();
        if (!expandsInRealBuild(given.dependency()) || !expanded.add(artifactId)) {
            return;
        }
        workspace.moduleDir(artifactId).ifPresent(dir -> {
            for (Dependency child : PomFile.read(dir.resolve("pom.xml")).dependencies()) {
                String scope = transitiveScope(given.scope(), child);
                if (scope != null) {
                    add(new GivenDependency(child, scope, given.via() + " > " + artifactId), result, expanded);
                }
            }
        });
    }

    /** Whether the real build lacks this module's own dependencies, so they must be accounted for one by one. */
    private boolean expandsInRealBuild(Dependency d) {
        if (map.standIns().contains(d.artifactId())) {
            return true;
        }
        return pluginPom.dependencies().stream()
                .anyMatch(p -> p.key().equals(d.key()) && p.excludesEverything());
    }

    /** Maven's scope mediation: test and provided dependencies and optional ones do not travel. */
    private static String transitiveScope(String parentScope, Dependency child) {
        String scope = child.effectiveScope();
        if (child.optional() || scope.equals("test") || scope.equals("provided") || scope.equals("system")) {
            return null;
        }
        return parentScope.equals("compile") ? scope : parentScope;
    }
}
