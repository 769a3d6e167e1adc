package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finding the virtual cluster by id or name through ListVirtualClusters / DescribeVirtualCluster. */
class VirtualClusterResolverTest {

    private final EmulatedAws env = new EmulatedAws();
    private final VirtualClusterResolver resolver = new VirtualClusterResolver(env.emr);

    @AfterEach
    void close() {
        env.close();
    }

    private static EmrJobRequest byName(String name, String eks) {
        return EmrBackendEmulatorTest.request("x").virtualClusterId(null).virtualClusterName(name, eks).build();
    }

    @Test
    void aRunningClusterIsFoundByIdOrByName() {
        assertThat(resolver.resolve(EmrBackendEmulatorTest.request("x").build()))
                .isEqualTo(new VirtualClusterResolver.Resolved("vc1", "analytics", "eks-prod", "spark"));
        assertThat(resolver.resolve(byName("analytics", null)).id()).isEqualTo("vc1");
    }

    @Test
    void anUnknownNameListsTheRunningCandidates() {
        env.aws.virtualCluster(VirtualCluster.running("vc2", "reporting", "eks-dev", "jobs"));
        assertThatThrownBy(() -> resolver.resolve(byName("analytic", null)))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("virtualClusterName")
                .hasMessageContaining("analytics (id vc1, RUNNING, EKS eks-prod)")
                .hasMessageContaining("reporting (id vc2, RUNNING, EKS eks-dev)");
    }

    @Test
    void aNameOnTwoEksClustersNeedsTheEksClusterName() {
        env.aws.virtualCluster(VirtualCluster.running("vc3", "analytics", "eks-dev", "spark"));
        assertThatThrownBy(() -> resolver.resolve(byName("analytics", null)))
                .hasMessageContaining("matches 2 RUNNING virtual clusters").hasMessageContaining("Give eksClusterName");
        assertThat(resolver.resolve(byName("analytics", "eks-dev")).id()).isEqualTo("vc3");
    }

    @Test
    void aClusterThatIsNotRunningIsRefused() {
        env.aws.virtualCluster(VirtualCluster.running("vc9", "old", "eks-prod", "spark").withState("TERMINATED"));
        assertThatThrownBy(() -> resolver.resolve(EmrBackendEmulatorTest.request("x").virtualClusterId("vc9").build()))
                .hasMessageContaining("old (id vc9, TERMINATED, EKS eks-prod), which is not RUNNING");
        assertThatThrownBy(() -> resolver.resolve(byName("old", null)))
                .hasMessageContaining("matches only virtual clusters that are not RUNNING");
        assertThatThrownBy(() -> resolver.resolve(EmrBackendEmulatorTest.request("x").virtualClusterId("nope").build()))
                .hasMessageContaining("names no virtual cluster");
    }
}
