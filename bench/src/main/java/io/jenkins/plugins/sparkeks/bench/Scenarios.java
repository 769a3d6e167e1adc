package io.jenkins.plugins.sparkeks.bench;

import java.util.List;

/** Every scenario, in the order of the table. */
final class Scenarios {

    private Scenarios() {}

    static List<Scenario> all() {
        return List.of(new HarnessScenario(), new SubmissionScenario(), new KubernetesWaitScenario(), new EmrWaitScenario(), new LogThroughputScenario(),
                new InsightScenario(), new H2ConnectionsScenario());
    }
}
