package io.jenkins.plugins.sparkeks.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the scenarios and prints one table: every figure for the project and, in the same run, for the tool
 * users would otherwise run, with the ratio. See bench/README.md for the command.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        List<Row> rows = run(options, System.getProperty("java.class.path"), System.out);
        System.out.print(Table.render(rows));
    }

    static List<Row> run(BenchOptions options, String classPath, PrintStream progress) throws Exception {
        progress.println(JvmSettings.describe());
        progress.println("scales " + options.scales() + ", " + options.repetitions() + " repetitions, work dir "
                + options.workDir());
        List<Row> rows = new ArrayList<>();
        try (BenchContext context = new BenchContext(options, classPath)) {
            for (Scenario scenario : Scenarios.all()) {
                if (options.runs(scenario.name())) {
                    progress.println("running " + scenario.name());
                    rows.addAll(scenario.run(context));
                }
            }
        }
        return rows;
    }
}
