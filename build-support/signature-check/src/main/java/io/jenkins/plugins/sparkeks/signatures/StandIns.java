package io.jenkins.plugins.sparkeks.signatures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The stand-in source trees, relative to the repository root. */
public final class StandIns {
    public static final List<String> ROOTS = List.of(
            "build-support/jenkins-stand-ins/src/main/java", "build-support/jenkins-test-stand-ins/src/main/java");

    private StandIns() {}

    public static List<SourceFile> read(Path repositoryRoot) {
        List<SourceFile> files = new ArrayList<>();
        for (String root : ROOTS) {
            Path dir = repositoryRoot.resolve(root);
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    files.add(new SourceFile(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
