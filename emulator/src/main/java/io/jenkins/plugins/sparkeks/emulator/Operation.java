package io.jenkins.plugins.sparkeks.emulator;

/** Every AWS operation the emulator serves, with the SigV4 signing name of its service and its wire name. */
public enum Operation {
    START_JOB_RUN(Service.EMR_CONTAINERS, "StartJobRun"),
    DESCRIBE_JOB_RUN(Service.EMR_CONTAINERS, "DescribeJobRun"),
    LIST_JOB_RUNS(Service.EMR_CONTAINERS, "ListJobRuns"),
    CANCEL_JOB_RUN(Service.EMR_CONTAINERS, "CancelJobRun"),
    LIST_VIRTUAL_CLUSTERS(Service.EMR_CONTAINERS, "ListVirtualClusters"),
    DESCRIBE_VIRTUAL_CLUSTER(Service.EMR_CONTAINERS, "DescribeVirtualCluster"),
    DESCRIBE_LOG_STREAMS(Service.LOGS, "DescribeLogStreams"),
    GET_LOG_EVENTS(Service.LOGS, "GetLogEvents"),
    FILTER_LOG_EVENTS(Service.LOGS, "FilterLogEvents"),
    GET_OBJECT(Service.S3, "GetObject"),
    LIST_OBJECTS_V2(Service.S3, "ListObjectsV2"),
    GET_CALLER_IDENTITY(Service.STS, "GetCallerIdentity"),
    ASSUME_ROLE(Service.STS, "AssumeRole"),
    DESCRIBE_CLUSTER(Service.EKS, "DescribeCluster");

    private final Service service;
    private final String wireName;

    Operation(Service service, String wireName) {
        this.service = service;
        this.wireName = wireName;
    }

    public Service service() {
        return service;
    }

    /** The operation's name as AWS spells it (the X-Amz-Target suffix, the STS Action, the CLI's PascalCase name). */
    public String wireName() {
        return wireName;
    }

    /** The services the emulator speaks, by SigV4 credential-scope signing name. */
    public enum Service {
        EMR_CONTAINERS("emr-containers"),
        LOGS("logs"),
        S3("s3"),
        STS("sts"),
        EKS("eks");

        private final String signingName;

        Service(String signingName) {
            this.signingName = signingName;
        }

        public String signingName() {
            return signingName;
        }
    }
}
