package io.jenkins.plugins.sparkeks.buildsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A miniature repository laid out like this one, for the guards' own tests. */
final class FixtureRepository {

    private final Path root;

    FixtureRepository(Path root) {
        this.root = root;
    }

    Workspace workspace() {
        return new Workspace(root);
    }

    FixtureRepository rootPom(String... modules) {
        String list = Stream.of(modules).map(m -> "<module>" + m + "</module>").collect(Collectors.joining());
        return write("pom.xml", project("<artifactId>parent</artifactId><modules>" + list + "</modules>"));
    }

    FixtureRepository pluginPom(String parent, String properties, String dependencies) {
        return write(
                "plugin/pom.xml",
                project("<parent><groupId>org.jenkins-ci.plugins</groupId><artifactId>plugin</artifactId><version>"
                        + parent + "</version></parent><artifactId>p</artifactId><properties>" + properties
                        + "</properties><dependencies>" + dependencies + "</dependencies>"));
    }

    FixtureRepository modulePom(String dir, String artifactId, String dependencies) {
        return write(
                dir + "/pom.xml",
                project("<artifactId>" + artifactId + "</artifactId><dependencies>" + dependencies + "</dependencies>"));
    }

    FixtureRepository javaFile(String moduleDir, String path) {
        return write(moduleDir + "/src/main/java/" + path, "// fixture\n");
    }

    FixtureRepository table(String... rows) {
        return write("build-support/plugin-pom-guard/plugin-dependencies.txt", String.join("\n", rows) + "\n");
    }

    static String dependency(String coordinates, String scope) {
        String[] ga = coordinates.split(":");
        return "<dependency><groupId>" + ga[0] + "</groupId><artifactId>" + ga[1] + "</artifactId>"
                + (scope == null ? "" : "<scope>" + scope + "</scope>") + "</dependency>";
    }

    static String excludingEverything(String coordinates) {
        String[] ga = coordinates.split(":");
        return "<dependency><groupId>" + ga[0] + "</groupId><artifactId>" + ga[1] + "</artifactId><exclusions>"
                + "<exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>";
    }

    private static String project(String body) {
        return "<?xml version=\"1.0\"?><project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                + "<modelVersion>4.0.0</modelVersion>" + body + "</project>";
    }

    private FixtureRepository write(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
