package io.jenkins.plugins.sparkeks.signatures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares every stand-in with the upstream sources and rewrites the committed report. Needs bare git mirrors of
 * the upstream repositories under the directory named by {@code STAND_IN_UPSTREAM_MIRRORS}; the argument (default
 * the working directory) is this repository's root. Exits 1 on a mismatch or on a known difference that no
 * stand-in line needs any more.
 */
public final class CompareWithUpstream {
    public static final String MIRRORS_VARIABLE = "STAND_IN_UPSTREAM_MIRRORS";

    private CompareWithUpstream() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String mirrorsDir = System.getenv(MIRRORS_VARIABLE);
        if (mirrorsDir == null || mirrorsDir.isBlank()) {
            System.err.println("set " + MIRRORS_VARIABLE + " to the directory that holds the upstream git mirrors");
            System.exit(2);
        }
        List<UpstreamSource> sources = UpstreamSource.read(root);
        Map<String, GitMirror> mirrors = new LinkedHashMap<>();
        Map<String, String> commits = new LinkedHashMap<>();
        for (UpstreamSource s : sources) {
            GitMirror mirror = GitMirror.open(Path.of(mirrorsDir), s);
            mirrors.put(s.id(), mirror);
            commits.put(s.id(), mirror.commit());
        }
        KnownDifferences known = KnownDifferences.read(root);
        Comparison comparison = new Comparison(known);

        List<CheckedType> checked = new ArrayList<>();
        for (SourceFile standIn : StandIns.read(root)) {
            List<String> found = new ArrayList<>();
            for (UpstreamSource s : sources) {
                for (String sourceRoot : s.roots()) {
                    String path = sourceRoot + "/" + standIn.relativePath();
                    if (mirrors.get(s.id()).paths().contains(path)) {
                        found.add(s.id() + "\n" + path);
                    }
                }
            }
            // exactly one upstream file must declare the type; none or several leave every line a mismatch
            Optional<String> upstream = Optional.empty();
            String sourceId = found.isEmpty() ? "no upstream source" : "ambiguous: " + found;
            String upstreamPath = standIn.relativePath();
            if (found.size() == 1) {
                String[] idAndPath = found.get(0).split("\n");
                sourceId = idAndPath[0];
                upstreamPath = idAndPath[1];
                upstream = Optional.of(mirrors.get(sourceId).show(upstreamPath));
            }
            checked.addAll(comparison.compare(standIn, sourceId, upstreamPath, upstream));
        }

        Files.writeString(root.resolve(Report.FILE), Report.write(sources, commits, checked, known));
        Set<String> used = new HashSet<>();
        for (CheckedType t : checked) {
            t.lines().forEach((line, status) -> {
                if (status == CheckedType.Status.KNOWN) {
                    used.add(KnownDifferences.key(t.type(), line));
                }
                if (status == CheckedType.Status.MISMATCH) {
                    System.out.println("MISMATCH " + t.type() + " (" + t.upstreamPath() + "): " + line);
                    t.hints().getOrDefault(line, List.of()).forEach(h -> System.out.println("    upstream: " + h));
                }
            });
        }
        List<String> stale = known.reasons().keySet().stream().filter(k -> !used.contains(k)).toList();
        stale.forEach(k -> System.out.println("STALE known difference (no stand-in line needs it): " + k));
        Report.Summary summary = Report.Summary.of(checked);
        System.out.println("Stand-in signatures: " + summary + "; report written to " + Report.FILE);
        if (summary.mismatches() > 0 || !stale.isEmpty()) {
            System.exit(1);
        }
    }
}
