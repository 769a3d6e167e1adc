package io.jenkins.plugins.sparkeks.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import org.jvnet.hudson.test.JenkinsRule;

/** The global configuration is set from YAML, exported back, and survives a restart (JCasC round trip). */
class ConfigurationAsCodeITest extends AbstractRoundTripTest {

    @Override
    protected void assertConfiguredAsExpected(JenkinsRule j, String configContent) {
        SparkOnEksDefaults d = SparkOnEksConfiguration.get().defaults();
        assertThat(d)
                .isEqualTo(new SparkOnEksDefaults(
                        "eu-central-1",
                        "casc-round-trip-cluster",
                        "aws-ci",
                        "arn:aws:iam::123456789012:role/spark-submitter",
                        "spark-jobs",
                        "spark",
                        "apache/spark:3.5.6",
                        "/emr/spark",
                        "https://vpce-0123.emr-containers.eu-central-1.vpce.amazonaws.com"));
    }

    @Override
    protected String stringInLogExpected() {
        return "casc-round-trip-cluster";
    }
}
