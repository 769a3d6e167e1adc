package io.jenkins.plugins.sparkeks.core.auth;

import java.util.Arrays;
import java.util.Optional;

/** The AWS services this project calls, named by their endpoint prefix so overrides read like AWS documentation. */
public enum AwsService {
    EKS("eks"),
    STS("sts"),
    EMR_CONTAINERS("emr-containers"),
    LOGS("logs"),
    S3("s3");

    private final String endpointPrefix;

    AwsService(String endpointPrefix) {
        this.endpointPrefix = endpointPrefix;
    }

    /** The name used in endpoint hosts and in user-facing override keys, e.g. {@code emr-containers}. */
    public String endpointPrefix() {
        return endpointPrefix;
    }

    public static Optional<AwsService> byEndpointPrefix(String prefix) {
        return Arrays.stream(values()).filter(s -> s.endpointPrefix.equals(prefix)).findFirst();
    }
}
