package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.emr.EmrLogLocation;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceCodecTest {

    private final ReferenceCodec codec = new ReferenceCodec();

    @Test
    void driverPodReferenceRoundTripsWithItsLogCursor() {
        DriverPodReference ref = new DriverPodReference(ClusterCoordinates.eks("us-east-1", "prod"), "spark",
                "pi-0123456789abcdef-driver", "uid-1", "spark-abc", "abc",
                new LogCursor(Map.of("pod", "2026-01-01T00:00:00.5Z#2")));

        String text = codec.encode(ref);

        assertThat(text).startsWith("soe1.k8s.").matches("[A-Za-z0-9._-]+");
        assertThat(codec.decode(text)).isEqualTo(ref);
    }

    @Test
    void emrReferenceRoundTrips() {
        EmrJobRunReference ref = new EmrJobRunReference("eu-west-1", "vc1", "jr1", "pi",
                Instant.parse("2026-01-01T00:00:00Z"), "emr", new EmrLogLocation("/emr/jobs", "pi", null),
                LogCursor.START.with("cloudwatch:stdout", "f/1"));

        assertThat(codec.decode(codec.encode(ref))).isEqualTo(ref);
    }

    @Test
    void sparkApplicationReferencesRoundTripWithTheirOperatorApi() {
        SparkApplicationReference apache = new SparkApplicationReference(ClusterCoordinates.eks("us-east-1", "prod"), "spark",
                "pi-0123456789abcdef", "uid-1", "abc", LogCursor.START.with("pod", "2026-01-01T00:00:00Z#1"),
                "spark.apache.org/v1");
        SparkApplicationReference kubeflow = new SparkApplicationReference(ClusterCoordinates.eks("us-east-1", "prod"),
                "spark", "pi-0123456789abcdef", "uid-2", "abc", LogCursor.START);

        assertThat(codec.encode(apache)).startsWith("soe1.op.");
        assertThat(codec.decode(codec.encode(apache))).isEqualTo(apache);
        assertThat(codec.decode(codec.encode(kubeflow))).isEqualTo(kubeflow);

        SparkApplicationReference unknownApi = new SparkApplicationReference(ClusterCoordinates.eks("us-east-1", "prod"),
                "spark", "pi", "uid-1", "abc", LogCursor.START, "example.com/v9");
        assertThatThrownBy(() -> codec.decode(codec.encode(unknownApi))).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("reference.apiVersion: is not a value a submission could have produced.");
    }

    @Test
    void garbageIsAnInvalidReferenceNamingTheField() {
        assertThatThrownBy(() -> codec.decode("hello"))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("reference: is not a spark-on-eks reference");
        assertThatThrownBy(() -> codec.decode("soe1.k8s.e30"))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("reference: is damaged");
    }

    @Test
    void everyFieldOfAHandMadeReferenceIsCheckedBeforeItIsUsed() {
        DriverPodReference escaping = new DriverPodReference(ClusterCoordinates.eks("us-east-1", "prod"), "../../x",
                "pi-driver/../../secrets", "uid-1", "spark-abc", "abc", LogCursor.START);
        assertThatThrownBy(() -> codec.decode(codec.encode(escaping))).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("reference.namespace: is not a value a submission could have produced.")
                .hasMessageContaining("reference.podName")
                .hasMessageNotContaining("../../x");

        DriverPodReference otherServer = new DriverPodReference(ClusterCoordinates.server("file:///etc/passwd"), "spark",
                "pi-driver", null, null, null, LogCursor.START);
        assertThatThrownBy(() -> codec.decode(codec.encode(otherServer))).hasMessageContaining("reference.cluster.server");

        EmrJobRunReference run = new EmrJobRunReference("us-east-1; rm", "vc1/../x", "jr1", "pi", null, null,
                new EmrLogLocation("/emr/jobs", "pi", "http://elsewhere/"), LogCursor.START);
        assertThatThrownBy(() -> codec.decode(codec.encode(run))).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("reference.region").hasMessageContaining("reference.virtualClusterId")
                .hasMessageContaining("reference.s3LogUri").hasMessageNotContaining("jobRunId");
    }
}
