package io.jenkins.plugins.sparkeks.emulator.eks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.sparkeks.emulator.EksCluster;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import io.jenkins.plugins.sparkeks.emulator.wire.AccountContext;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsError;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsRequest;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsResponse;
import io.jenkins.plugins.sparkeks.emulator.wire.Json;
import io.jenkins.plugins.sparkeks.emulator.wire.Protocol;
import io.jenkins.plugins.sparkeks.emulator.wire.ServiceHandler;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EKS over REST-JSON: DescribeCluster for the clusters the test registered. */
public final class EksService implements ServiceHandler {
    private static final Pattern DESCRIBE = Pattern.compile("/clusters/([^/]+)");

    private record Registered(EksCluster cluster, Instant createdAt) {
    }

    private final AccountContext account;
    private final Map<String, Registered> clusters = new HashMap<>();

    public EksService(AccountContext account) {
        this.account = account;
    }

    /** Registers or replaces a cluster; a replaced cluster keeps its creation time. */
    public void put(EksCluster cluster) {
        Registered before = clusters.get(cluster.name());
        clusters.put(cluster.name(), new Registered(cluster,
                before == null ? account.clock().instant() : before.createdAt()));
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    @Override
    public Operation operationOf(AwsRequest request) {
        if ("GET".equals(request.method()) && DESCRIBE.matcher(request.path()).matches()) {
            return Operation.DESCRIBE_CLUSTER;
        }
        throw new AwsError(404, "UnknownOperationException",
                "The emulator serves only DescribeCluster (GET /clusters/{name}) for EKS, not "
                        + request.method() + " " + request.path());
    }

    @Override
    public AwsResponse handle(Operation operation, AwsRequest request) {
        Matcher m = DESCRIBE.matcher(request.path());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a DescribeCluster path: " + request.path());
        }
        String name = m.group(1);
        Registered registered = clusters.get(name);
        if (registered == null) {
            throw new AwsError(404, "ResourceNotFoundException", "No cluster found for name: " + name + ".");
        }
        EksCluster c = registered.cluster();
        ObjectNode cluster = Json.object()
                .put("name", c.name())
                .put("arn", "arn:aws:eks:" + account.region() + ":" + account.accountId() + ":cluster/" + c.name())
                // EKS's Timestamp shape has no timestampFormat, so REST-JSON sends epoch seconds
                .put("createdAt", BigDecimal.valueOf(registered.createdAt().toEpochMilli(), 3))
                .put("version", c.version())
                .put("endpoint", c.endpoint())
                .put("roleArn", "arn:aws:iam::" + account.accountId() + ":role/eks-cluster-role")
                .put("status", c.status())
                .put("platformVersion", "eks.1");
        cluster.putObject("certificateAuthority").put("data", c.certificateAuthorityData());
        cluster.putObject("resourcesVpcConfig").put("endpointPublicAccess", true)
                .put("endpointPrivateAccess", false).putArray("publicAccessCidrs").add("0.0.0.0/0");
        cluster.putObject("accessConfig").put("authenticationMode", "API_AND_CONFIG_MAP");
        cluster.putObject("identity").putObject("oidc").put("issuer", "https://oidc.eks." + account.region()
                + ".amazonaws.com/id/EMULATED" + Integer.toHexString(c.name().hashCode()).toUpperCase());
        cluster.putObject("tags");
        ObjectNode out = Json.object();
        out.set("cluster", cluster);
        return AwsResponse.json(200, "application/json", out);
    }
}
