package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Mistakes on the command line end with a short message naming the option and exit 2, before anything connects. */
class InputErrorsTest {

    private static final String[] SUBMIT = {"submit", "--server", "https://127.0.0.1:6443", "--name", "pi",
        "--class", "x.Y", "local:///app.jar"};
    private static final String[] EMR = {"emr-run", "--region", "us-east-1", "--name", "pi",
        "--virtual-cluster-id", "vc1", "--execution-role-arn", "arn:aws:iam::111122223333:role/job",
        "--release-label", "emr-7.5.0-latest"};

    /** Counts every request for a backend: input errors must come before the first one. */
    private static final class CountingEngines implements Engines {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public SparkJobBackend<SparkSubmitRequest> kubernetes(KubernetesFlags cluster) {
            asked.incrementAndGet();
            throw new IllegalStateException("no cluster in this test");
        }

        @Override
        public SparkJobBackend<EmrJobRequest> emr(AwsFlags aws) {
            asked.incrementAndGet();
            throw new IllegalStateException("no AWS in this test");
        }

        @Override
        public SparkJobBackend<?> forReference(JobReference reference, KubernetesFlags access) {
            asked.incrementAndGet();
            throw new IllegalStateException("no cluster in this test");
        }

        @Override
        public void close() {}
    }

    private final CountingEngines engines = new CountingEngines();

    private CliRun run(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return CliRun.run(() -> engines, all);
    }

    @Test
    void aConfEntryWithTheWrongSeparatorNamesTheKeyButNeverShowsTheValue() {
        CliRun run = run(SUBMIT, "--conf", "spark.hadoop.fs.s3a.secret.key:TopSecretValue42");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--conf", "'spark.hadoop.fs.s3a.secret.key…'",
                "Write --conf spark.hadoop.fs.s3a.secret.key=VALUE", "See 'spark-on-eks submit --help'.");
        assertThat(run.out() + run.err()).doesNotContain("TopSecretValue42");
        assertThat(engines.asked).hasValue(0);
    }

    @Test
    void everyMapOptionHidesWhatFollowsTheKey() {
        assertThat(run(SUBMIT, "--label", "team:HiddenLabelValue").err())
                .contains("--label", "'team…'").doesNotContain("HiddenLabelValue");
        assertThat(run(EMR, "--entry-point", "s3://b/app.py", "--tag", "owner HiddenTagValue").err())
                .contains("--tag", "'owner…'").doesNotContain("HiddenTagValue");
        assertThat(run(SUBMIT, "--node-selector", "NoSeparatorAtAll").err())
                .contains("--node-selector: an entry is not KEY=VALUE").doesNotContain("NoSeparatorAtAll");
    }

    @Test
    void aParseErrorPrintsOneLineAndAHintNotTheWholeUsage() {
        CliRun run = run(SUBMIT, "--driver-cores", "many");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines().count()).as(run.err()).isLessThanOrEqualTo(3);
        assertThat(run.err()).contains("--driver-cores", "See 'spark-on-eks submit --help'.")
                .doesNotContain("Usage:");
    }

    @Test
    void anEmptySubmissionKeyIsBadInput() {
        CliRun run = run(EMR, "--entry-point", "s3://b/app.py", "--submission-key", "");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--submission-key (submissionKey): is empty.", "Nothing was submitted");
        assertThat(engines.asked).hasValue(0);
    }

    @Test
    void conflictingOptionsAreRefusedTogetherNamingBoth() {
        CliRun run = run(SUBMIT, "--cluster-name", "prod", "--no-wait", "--detach", "--submission-key", " ");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Invalid input (3 problems)",
                "--server: cannot be combined with --cluster-name",
                "--detach: cannot be combined with --no-wait",
                "--submission-key (submissionKey): is empty.");
        assertThat(engines.asked).hasValue(0);
    }

    @Test
    void aSqlEntryPointWithASparkSubmitEntryPointIsRefused() {
        CliRun run = run(EMR, "--entry-point", "s3://b/app.py", "--sql-entry-point", "s3://b/q.sql");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--sql-entry-point: cannot be combined with --entry-point");
        assertThat(engines.asked).hasValue(0);
    }

    @Test
    void anAbsurdTimeoutIsAUsageErrorNotAStackTrace() {
        CliRun run = run(SUBMIT, "--timeout", "99999999999999d");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--timeout", "longer than 366d").doesNotContain("Exception", "\tat ");
    }

    @Test
    void everyBadValueOnTheCommandLineIsReportedInOneRun() {
        CliRun run = run(SUBMIT, "--driver-cores", "many", "--timeout", "soon", "--conf", "spark.x.password:Hidden99");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Invalid command line (3 problems):", "--driver-cores", "'soon' is not a duration",
                "'spark.x.password…'", "See 'spark-on-eks submit --help'.").doesNotContain("Hidden99", "Usage:");
        assertThat(engines.asked).hasValue(0);
    }
}
