package io.jenkins.plugins.sparkeks.signatures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed report, build-support/stand-in-signatures.md: a Markdown page a reader can follow, in which every
 * checked line sits in a code block under its type's heading, prefixed with its status marker. {@link #parse}
 * reads back exactly those lines, so the default build can hold the report against the current stand-ins.
 */
public final class Report {
    public static final String FILE = "build-support/stand-in-signatures.md";
    private static final String HEADING = "### ";

    private Report() {}

    public record Summary(int types, long lines, long mismatches, long known) {
        static Summary of(List<CheckedType> types) {
            return new Summary(types.size(),
                    types.stream().mapToLong(t -> t.lines().size()).sum(),
                    types.stream().mapToLong(t -> t.count(CheckedType.Status.MISMATCH)).sum(),
                    types.stream().mapToLong(t -> t.count(CheckedType.Status.KNOWN)).sum());
        }

        @Override
        public String toString() {
            return types + " types, " + lines + " lines checked, " + mismatches + " mismatches, " + known
                    + " known differences";
        }
    }

    public static String write(List<UpstreamSource> sources, Map<String, String> commits, List<CheckedType> types,
            KnownDifferences known) {
        StringBuilder md = new StringBuilder();
        md.append("# Stand-in signatures compared with upstream\n\n")
                .append("Written by `CompareWithUpstream` in `build-support/signature-check` (how to run it: ")
                .append("build-support/README.md); do not edit by hand. Each line below is one normalised ")
                .append("declaration of a stand-in: `=` upstream declares the same line, `~` a known difference ")
                .append("(reason below and in `").append(KnownDifferences.FILE).append("`), `!` a mismatch. ")
                .append("`StandInReportTest` in the default build fails when a stand-in line is not listed here ")
                .append("as `=` or `~`.\n\n")
                .append("**Summary: ").append(Summary.of(types)).append(".**\n\n")
                .append("## Upstream sources\n\n")
                .append("| id | artifact:version | repository | ref | commit | note |\n|---|---|---|---|---|---|\n");
        for (UpstreamSource s : sources) {
            md.append("| ").append(s.id()).append(" | ").append(s.artifact()).append(" | ").append(s.repository())
                    .append(" | `").append(s.ref()).append("` | `").append(commits.get(s.id())).append("` | ")
                    .append(s.note()).append(" |\n");
        }
        md.append("\n## Known differences\n\nAnnotations upstream carries that the stand-ins leave out everywhere ")
                .append("(removed from the upstream lines before comparing):\n\n");
        known.leftOutAnnotations().forEach((name, reason) -> md.append("- `@").append(name).append("`: ")
                .append(reason).append('\n'));
        md.append("\nStand-in lines that differ from upstream:\n\n");
        known.reasons().forEach((line, reason) -> md.append("- `").append(line).append("`: ").append(reason)
                .append('\n'));
        md.append("\n## Types\n");
        for (CheckedType t : types) {
            long mismatches = t.count(CheckedType.Status.MISMATCH);
            md.append('\n').append(HEADING).append(t.type()).append("\n\n")
                    .append(t.sourceId()).append(" · `").append(t.upstreamPath()).append("` · ")
                    .append(t.lines().size()).append(" lines · ")
                    .append(mismatches == 0 ? "equal" : mismatches + " mismatches").append("\n\n```\n");
            t.lines().forEach((line, status) -> {
                md.append(status.marker).append(' ').append(line).append('\n');
                t.hints().getOrDefault(line, List.of()).forEach(h -> md.append("    upstream: ").append(h)
                        .append('\n'));
            });
            md.append("```\n");
        }
        return md.toString();
    }

    /** Type name to (line to status), as the report lists them. */
    public static Map<String, Map<String, CheckedType.Status>> parse(String markdown) {
        Map<String, Map<String, CheckedType.Status>> types = new LinkedHashMap<>();
        Map<String, CheckedType.Status> current = null;
        boolean inBlock = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith(HEADING)) {
                current = types.computeIfAbsent(line.substring(HEADING.length()).strip(), k -> new LinkedHashMap<>());
            } else if (line.startsWith("```")) {
                inBlock = !inBlock;
            } else if (inBlock && current != null && line.length() > 2 && line.charAt(1) == ' '
                    && "=~!".indexOf(line.charAt(0)) >= 0) {
                current.put(line.substring(2), CheckedType.Status.of(line.charAt(0)));
            }
        }
        return types;
    }
}
