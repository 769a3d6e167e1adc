package io.jenkins.plugins.sparkeks.buildsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** plugin-dependencies.txt: how the offline build's dependencies map to plugin/pom.xml (format in the file). */
record DependencyMap(
        String parent,
        Map<String, String> pins,
        Map<String, String> inherited,
        Set<String> plugins,
        Set<String> standIns,
        List<PackageRow> packages,
        Map<String, Declaration> provides) {

    private static final Set<String> SCOPES = Set.of("compile", "provided", "runtime", "test");

    static DependencyMap read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String parent = null;
        Map<String, String> pins = new LinkedHashMap<>();
        Map<String, String> inherited = new HashMap<>();
        Set<String> plugins = new HashSet<>();
        Set<String> standIns = new HashSet<>();
        List<PackageRow> packages = new ArrayList<>();
        Map<String, Declaration> provides = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            String where = file.getFileName() + ":" + (i + 1) + ": ";
            switch (f[0]) {
                case "parent" -> {
                    expect(f, 3, where);
                    parent = f[1] + ":" + f[2];
                }
                case "pin" -> {
                    expect(f, 3, where);
                    pins.put(f[1], f[2]);
                }
                case "inherited" -> {
                    expect(f, 3, where);
                    inherited.put(f[1], scope(f[2], where));
                }
                case "plugin" -> {
                    expect(f, 2, where);
                    plugins.add(f[1]);
                }
                case "stand-ins" -> {
                    expect(f, 2, where);
                    standIns.add(f[1]);
                }
                case "package" -> {
                    expect(f, 6, where);
                    packages.add(new PackageRow(f[1], f[2], f[3], new Declaration(f[4], scope(f[5], where))));
                }
                case "provides" -> {
                    expect(f, 4, where);
                    if (provides.put(f[1], new Declaration(f[2], scope(f[3], where))) != null) {
                        throw new IllegalArgumentException(where + f[1] + " has two provides rows");
                    }
                }
                default -> throw new IllegalArgumentException(where + "unknown row kind '" + f[0] + "'");
            }
        }
        if (parent == null) {
            throw new IllegalArgumentException(file + " names no parent row");
        }
        return new DependencyMap(
                parent,
                Map.copyOf(pins),
                Map.copyOf(inherited),
                Set.copyOf(plugins),
                Set.copyOf(standIns),
                List.copyOf(packages),
                Map.copyOf(provides));
    }

    List<PackageRow> rowsFor(String standInModule, String javaPackage) {
        return packages.stream()
                .filter(r -> r.standInModule().equals(standInModule) && r.javaPackage().equals(javaPackage))
                .toList();
    }

    private static void expect(String[] fields, int count, String where) {
        if (fields.length != count) {
            throw new IllegalArgumentException(
                    where + "'" + fields[0] + "' rows have " + count + " fields, found " + fields.length);
        }
    }

    private static String scope(String scope, String where) {
        if (!SCOPES.contains(scope)) {
            throw new IllegalArgumentException(where + "unknown scope '" + scope + "'");
        }
        return scope;
    }
}
