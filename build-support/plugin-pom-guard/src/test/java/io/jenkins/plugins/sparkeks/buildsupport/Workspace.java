package io.jenkins.plugins.sparkeks.buildsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The repository the guards read: root reactor, plugin/pom.xml, plugin-offline and the table, by fixed paths. */
record Workspace(Path root) {

    static Workspace fromSystemProperty() {
        String root = System.getProperty("repository.root");
        if (root == null) {
            throw new IllegalStateException("repository.root is not set (surefire sets it in this module's pom)");
        }
        return new Workspace(Path.of(root).toAbsolutePath().normalize());
    }

    PomFile rootPom() {
        return PomFile.read(root.resolve("pom.xml"));
    }

    PomFile pluginPom() {
        return PomFile.read(root.resolve("plugin/pom.xml"));
    }

    PomFile offlinePom() {
        return PomFile.read(root.resolve("build-support/plugin-offline/pom.xml"));
    }

    DependencyMap dependencyMap() {
        return DependencyMap.read(root.resolve("build-support/plugin-pom-guard/plugin-dependencies.txt"));
    }

    /** Directories of the default reactor's modules by artifactId, so a dependency on one can be opened. */
    Map<String, Path> reactorModules() {
        Map<String, Path> result = new HashMap<>();
        for (String module : rootPom().modules()) {
            Path dir = root.resolve(module).normalize();
            if (Files.isRegularFile(dir.resolve("pom.xml"))) {
                result.put(PomFile.read(dir.resolve("pom.xml")).artifactId(), dir);
            }
        }
        return Map.copyOf(result);
    }

    Optional<Path> moduleDir(String artifactId) {
        return Optional.ofNullable(reactorModules().get(artifactId));
    }
}
