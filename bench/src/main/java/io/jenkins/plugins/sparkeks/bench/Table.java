package io.jenkins.plugins.sparkeks.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the rows as one Markdown table, so a run's output can be pasted into a note as it is. */
final class Table {

    private static final List<String> HEADER = List.of("section", "figure", "unit", "ours p50", "ours p99", "anchor",
            "anchor p50", "anchor p99", "ratio", "n", "note");

    private Table() {}

    static String render(List<Row> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Row r : rows) {
            Samples a = r.anchorSamples();
            cells.add(List.of(r.section(), r.figure(), r.unit(), number(r.ours().median()), number(r.ours().p99()),
                    r.anchor(), a == null ? "" : number(a.median()), a == null ? "" : number(a.p99()),
                    r.ratio().map(x -> number(x) + "×").orElse(""), String.valueOf(r.ours().count()), r.note()));
        }
        int[] width = new int[HEADER.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < cells.size(); l++) {
            out.append(line(cells.get(l), width));
            if (l == 0) {
                List<String> dashes = new ArrayList<>();
                for (int w : width) {
                    dashes.add("-".repeat(w));
                }
                out.append(line(dashes, width));
            }
        }
        return out.toString();
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < width.length; i++) {
            b.append(' ').append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length())).append(" |");
        }
        return b.append('\n').toString();
    }

    /** Three significant digits are as many as a shared 2-CPU machine can vouch for. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        double abs = Math.abs(v);
        String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, pattern, v);
    }
}
