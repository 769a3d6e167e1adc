package io.jenkins.plugins.sparkeks.buildsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Issue 8 point 1's class of defect: the offline build compiles plugin/src with something the real plugin build
 * does not declare (Mockito was missing), so the real build fails where the offline one passes.
 */
final class DeclarationCheck {

    private final Workspace workspace;
    private final DependencyMap map;
    private final PluginDeclarations declared;

    DeclarationCheck(Workspace workspace) {
        this.workspace = workspace;
        this.map = workspace.dependencyMap();
        this.declared = new PluginDeclarations(workspace.pluginPom(), map);
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (GivenDependency given : new OfflineClasspath(workspace, map).dependencies()) {
            if (map.standIns().contains(given.dependency().artifactId())) {
                standInProblems(given, problems);
            } else {
                dependencyProblems(given, problems);
            }
        }
        return problems;
    }

    private void dependencyProblems(GivenDependency given, List<String> problems) {
        Declaration row = map.provides().get(given.key());
        if (row == null) {
            String why = declared.mismatch(new Declaration(given.key(), given.scope()));
            if (why != null) {
                problems.add(given + ": " + why + ". Declare it there in the same scope, or, if the real build gets"
                        + " it another way, add a provides row (a stand-in module: a stand-ins row and package"
                        + " rows) to plugin-dependencies.txt");
            }
            return;
        }
        declarationProblems(given.toString(), given.scope(), row, problems);
    }

    private void standInProblems(GivenDependency given, List<String> problems) {
        String module = given.dependency().artifactId();
        Path sources = workspace.moduleDir(module)
                .map(dir -> dir.resolve("src/main/java"))
                .orElseThrow(() -> new IllegalStateException("stand-in module " + module + " is not in the reactor"));
        for (String javaPackage : packages(sources)) {
            List<PackageRow> rows = map.rowsFor(module, javaPackage);
            if (rows.isEmpty()) {
                problems.add("stand-in package " + javaPackage + " in " + module + " has no package row in"
                        + " plugin-dependencies.txt naming the upstream artifact it mirrors");
            }
            for (PackageRow row : rows) {
                declarationProblems(
                        "stand-ins " + module + " " + javaPackage + " (" + row.upstream() + ")",
                        given.scope(),
                        row.declaredAs(),
                        problems);
            }
        }
    }

    private void declarationProblems(String what, String offlineScope, Declaration row, List<String> problems) {
        String why = declared.mismatch(row);
        if (why != null) {
            problems.add(what + ": " + why);
        }
        // plugin/src/main compiles offline against it, so the real main compile must see it too
        if (Declaration.visibleToMain(offlineScope) && !row.visibleToMain()) {
            problems.add(what + ": plugin/src/main sees it offline (" + offlineScope + ") but its row maps it to "
                    + row + ", which the real main compile does not see");
        }
    }

    /** Java packages by directory, the layout javac and every tool here assume. */
    private static Set<String> packages(Path sources) {
        Set<String> result = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> sources.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), "."))
                    .forEach(result::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }
}
