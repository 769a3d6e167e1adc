package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.emrcontainers.model.ContainerProviderType;
import software.amazon.awssdk.services.emrcontainers.model.ListVirtualClustersRequest;
import software.amazon.awssdk.services.emrcontainers.model.ListVirtualClustersResponse;
import software.amazon.awssdk.services.emrcontainers.model.ResourceNotFoundException;
import software.amazon.awssdk.services.emrcontainers.model.VirtualCluster;
import software.amazon.awssdk.services.emrcontainers.model.VirtualClusterState;

/**
 * Finds the RUNNING virtual cluster a request names, by id (DescribeVirtualCluster) or by name
 * (ListVirtualClusters, optionally narrowed to one EKS cluster), and refuses anything else with the candidates
 * listed so the user can pick the right one.
 */
final class VirtualClusterResolver {

    /** The virtual cluster a job will run on. */
    record Resolved(String id, String name, String eksClusterName, String namespace) {}

    private final EmrContainersClient emr;

    VirtualClusterResolver(EmrContainersClient emr) {
        this.emr = emr;
    }

    Resolved resolve(EmrJobRequest r) {
        if (r.virtualClusterId() != null) {
            VirtualCluster vc;
            try {
                vc = emr.describeVirtualCluster(b -> b.id(r.virtualClusterId())).virtualCluster();
            } catch (ResourceNotFoundException e) {
                throw invalid("virtualClusterId", "names no virtual cluster in this account and region ("
                        + r.virtualClusterId() + ").", "Check the id and the region, or give virtualClusterName instead.");
            }
            if (vc.state() != VirtualClusterState.RUNNING) {
                throw invalid("virtualClusterId", "names virtual cluster " + describe(vc) + ", which is not RUNNING.",
                        "Use a RUNNING virtual cluster.");
            }
            return resolved(vc);
        }
        List<VirtualCluster> all = list(r.eksClusterName());
        List<VirtualCluster> named = all.stream().filter(vc -> r.virtualClusterName().equals(vc.name())).toList();
        List<VirtualCluster> running = named.stream().filter(vc -> vc.state() == VirtualClusterState.RUNNING).toList();
        if (running.size() == 1) {
            return resolved(running.get(0));
        }
        String where = r.eksClusterName() == null ? "" : " on EKS cluster " + r.eksClusterName();
        if (running.isEmpty()) {
            List<VirtualCluster> candidates = all.stream().filter(vc -> vc.state() == VirtualClusterState.RUNNING).toList();
            String problem = (named.isEmpty() ? "matches no virtual cluster" : "matches only virtual clusters that are not RUNNING ("
                    + named.stream().map(VirtualClusterResolver::describe).collect(Collectors.joining(", ")) + ")")
                    + where + " ('" + r.virtualClusterName() + "').";
            String fix = candidates.isEmpty() ? "No RUNNING virtual cluster exists here" + where + "; check the region."
                    : "RUNNING virtual clusters" + where + ": "
                            + candidates.stream().map(VirtualClusterResolver::describe).collect(Collectors.joining(", ")) + ".";
            throw invalid("virtualClusterName", problem, fix);
        }
        throw invalid("virtualClusterName", "matches " + running.size() + " RUNNING virtual clusters" + where + ": "
                        + running.stream().map(VirtualClusterResolver::describe).collect(Collectors.joining(", ")) + ".",
                "Give eksClusterName to pick one, or give virtualClusterId.");
    }

    private List<VirtualCluster> list(String eksClusterName) {
        List<VirtualCluster> out = new ArrayList<>();
        String token = null;
        do {
            ListVirtualClustersRequest.Builder b = ListVirtualClustersRequest.builder().nextToken(token);
            if (eksClusterName != null) {
                b.containerProviderType(ContainerProviderType.EKS).containerProviderId(eksClusterName);
            }
            ListVirtualClustersResponse page = emr.listVirtualClusters(b.build());
            out.addAll(page.virtualClusters());
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    private static Resolved resolved(VirtualCluster vc) {
        String eks = vc.containerProvider() == null ? null : vc.containerProvider().id();
        String ns = vc.containerProvider() == null || vc.containerProvider().info() == null
                || vc.containerProvider().info().eksInfo() == null ? null : vc.containerProvider().info().eksInfo().namespace();
        return new Resolved(vc.id(), vc.name(), eks, ns);
    }

    private static String describe(VirtualCluster vc) {
        String eks = vc.containerProvider() == null ? "?" : vc.containerProvider().id();
        return vc.name() + " (id " + vc.id() + ", " + vc.stateAsString() + ", EKS " + eks + ")";
    }

    private static InvalidJobSpecException invalid(String field, String problem, String fix) {
        return new InvalidJobSpecException(List.of(new FieldError(field, problem, fix)));
    }
}
