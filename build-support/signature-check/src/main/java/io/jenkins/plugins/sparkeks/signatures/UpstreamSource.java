package io.jenkins.plugins.sparkeks.signatures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One upstream source tree the stand-ins are compared with: the artifact and version build-support/README.md
 * names, the GitHub repository, the git ref that holds that version and the source roots to look in. File format,
 * one source a line: {@code id | artifact:version | owner/name | ref | root,root | note}.
 */
public record UpstreamSource(String id, String artifact, String repository, String ref, List<String> roots,
        String note) {
    public static final String FILE = "build-support/signature-check/upstream-sources.txt";

    public UpstreamSource {
        roots = List.copyOf(roots);
    }

    public static List<UpstreamSource> read(Path repositoryRoot) {
        List<UpstreamSource> sources = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(repositoryRoot.resolve(FILE))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new);
                if (f.length < 5) {
                    throw new IllegalArgumentException("expected id | artifact | repository | ref | roots: " + line);
                }
                sources.add(new UpstreamSource(f[0], f[1], f[2], f[3], List.of(f[4].split(",")),
                        f.length > 5 ? f[5] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }
}
