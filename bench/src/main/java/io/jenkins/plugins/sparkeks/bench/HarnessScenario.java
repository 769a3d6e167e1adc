package io.jenkins.plugins.sparkeks.bench;

import java.util.List;

/** The harness itself: how long the servers' JVM takes to come up, so nobody mistakes it for engine time. */
final class HarnessScenario implements Scenario {

    @Override
    public String name() {
        return "harness";
    }

    @Override
    public List<Row> run(BenchContext context) {
        long start = System.nanoTime();
        context.servers();
        double ms = (System.nanoTime() - start) / 1e6;
        return List.of(Row.alone("0 harness", "servers' JVM ready (not engine time)", "ms", Samples.of(ms)));
    }
}
