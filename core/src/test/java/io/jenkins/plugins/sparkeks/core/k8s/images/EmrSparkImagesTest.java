package io.jenkins.plugins.sparkeks.core.k8s.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class EmrSparkImagesTest {

    private final EmrSparkImages images = EmrSparkImages.bundled();

    @Test
    void regionalRegistryForAKnownRegion() {
        EmrSparkImage image = images.imageFor("eu-central-1", "emr-7.10.0");
        assertThat(image.uri()).isEqualTo("107292555468.dkr.ecr.eu-central-1.amazonaws.com/spark/emr-7.10.0:latest");
        assertThat(image.sparkVersion()).isEqualTo("3.5.5-amzn-1");
    }

    @Test
    void defaultReleaseWhenNoneIsGiven() {
        assertThat(images.imageFor("us-west-2", null).release()).isEqualTo(images.defaultRelease()).isEqualTo("emr-7.12.0");
    }

    @Test
    void publicGalleryForUnknownRegionsAndUnknownSparkVersionForUnlistedReleases() {
        EmrSparkImage image = images.imageFor(null, "emr-6.15.0");
        assertThat(image.uri()).isEqualTo("public.ecr.aws/emr-on-eks/spark/emr-6.15.0:latest");
        assertThat(image.sparkVersion()).isNull();
    }

    @Test
    void chinaRegionsUseTheirDnsSuffix() {
        Properties table = new Properties();
        table.setProperty("default.release", "emr-7.12.0");
        table.setProperty("account.cn-north-1", "111111111111");
        assertThat(new EmrSparkImages(table).imageFor("cn-north-1", null).uri())
                .isEqualTo("111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn/spark/emr-7.12.0:latest");
    }

    @Test
    void rejectsSomethingThatIsNotAReleaseLabel() {
        assertThatThrownBy(() -> images.imageFor("us-west-2", "latest")).hasMessageContaining("not an EMR release label");
    }

    @Test
    void theSpark4RuntimeHasItsOwnImagesAndSparkVersion() {
        EmrSparkImage image = images.imageFor("eu-central-1", "emr-spark-8.0.0");
        assertThat(image.uri()).isEqualTo("107292555468.dkr.ecr.eu-central-1.amazonaws.com/spark/emr-spark-8.0.0:latest");
        assertThat(image.sparkVersion()).isEqualTo("4.0.2-amzn-0");
        assertThat(images.sparkVersionOf("emr-spark-8.0.0-20260421")).isEqualTo("4.0.2-amzn-0");
    }

    @Test
    void aDatedLabelPinsThatBuildsImageAndALatestLabelFollowsTheRelease() {
        assertThat(images.imageFor(null, "emr-spark-8.0.0-20260421").uri())
                .isEqualTo("public.ecr.aws/emr-on-eks/spark/emr-spark-8.0.0:20260421");
        assertThat(images.imageFor("us-west-2", "emr-7.12.0-latest").uri())
                .isEqualTo("895885662937.dkr.ecr.us-west-2.amazonaws.com/spark/emr-7.12.0:latest");
        assertThat(images.imageFor("us-west-2", "emr-7.12.0-20251120").sparkVersion()).isEqualTo("3.5.6-amzn-1");
    }
}
