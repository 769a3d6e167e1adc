package io.jenkins.plugins.sparkeks.core.insight;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Event logs on a file system this process sees ({@code file:/...} or a plain path, e.g. a shared volume). */
public final class LocalEventLogs implements EventLogStore {

    @Override
    public boolean handles(String dir) {
        return dir.startsWith("file:") || dir.startsWith("/");
    }

    @Override
    public List<String> list(String dir, String prefix) throws IOException {
        Path p = path(dir);
        if (!Files.isDirectory(p)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    @Override
    public InputStream open(String dir, String name) throws IOException {
        return Files.newInputStream(path(dir).resolve(name));
    }

    private static Path path(String dir) {
        return dir.startsWith("file:") ? Path.of(URI.create(dir.startsWith("file://") || dir.startsWith("file:/") ? dir : "file:" + dir)) : Path.of(dir);
    }
}
