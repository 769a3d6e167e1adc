package io.jenkins.plugins.sparkeks.emulator;

import java.time.Duration;
import java.util.Locale;

/** Chooses the script of a job run that no test scripted explicitly. */
@FunctionalInterface
public interface ScriptRule {
    JobScript scriptFor(JobRunRequest request);

    /**
     * The rule the command-line demo relies on: a job whose name contains {@code fail} fails with USER_ERROR, one
     * whose name contains {@code slow} runs for ten minutes, every other job computes Pi and completes.
     */
    static ScriptRule byName() {
        return request -> {
            String name = request.name() == null ? "" : request.name().toLowerCase(Locale.ROOT);
            JobScript.Builder script = JobScript.builder()
                    .pending(Duration.ofSeconds(2))
                    .submitted(Duration.ofSeconds(3))
                    .running(Duration.ofSeconds(10))
                    .stderr("INFO SparkContext: Running Spark version 3.5.1-amzn-0",
                            "INFO SparkContext: Submitted application: " + request.name());
            if (name.contains("fail")) {
                return script.stdout("Starting " + request.name())
                        .stderr("INFO SparkContext: Running Spark version 3.5.1-amzn-0",
                                "ERROR ApplicationMaster: User class threw exception: java.lang.IllegalStateException: "
                                        + "scripted failure")
                        .fails("USER_ERROR", "Job run failed: driver exited with code 1")
                        .build();
            }
            if (name.contains("slow")) {
                script.running(Duration.ofMinutes(10));
            }
            return script.stdout("Starting " + request.name(), "Pi is roughly 3.1415926535", "Done")
                    .completes()
                    .build();
        };
    }
}
