package io.jenkins.plugins.sparkeks.bench;

import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.AwsService;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.emr.EmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrClusterAccess;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrPollSettings;
import io.jenkins.plugins.sparkeks.core.emr.EmrWatchMachinery;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The EMR on EKS backend on the production poll settings, pointed at the emulator in the servers' JVM. */
final class EmrEngineUnderTest implements AutoCloseable {

    final EmrBackend backend;
    private final AwsClientFactory clients = new AwsClientFactory();
    private final EmrWatchMachinery machinery = EmrWatchMachinery.create(EmrPollSettings.DEFAULT);

    EmrEngineUnderTest(ServerProcess servers) {
        this(servers, null);
    }

    /** With {@code access}, each run's end is also seen on its driver pod (the sandbox's, through that client). */
    EmrEngineUnderTest(ServerProcess servers, EmrClusterAccess access) {
        AwsSettings settings = AwsSettings.of(servers.info("aws.region")).withCredentials(StaticCredentialsProvider
                .create(AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)));
        for (AwsService service : AwsService.values()) {
            settings = settings.withEndpoint(service, URI.create(servers.info("aws.url")));
        }
        EmrBackend emr = EmrBackend.create(clients, settings, machinery);
        backend = access == null ? emr : emr.withClusterAccess(access);
    }

    static EmrJobRequest request(String name, boolean cloudWatch) {
        EmrJobRequest.Builder b = EmrJobRequest.builder().name(name).virtualClusterId(BenchServers.VIRTUAL_CLUSTER_ID)
                .executionRoleArn("arn:aws:iam::111122223333:role/bench-job").releaseLabel("emr-7.5.0-latest")
                .sparkSubmit("local:///usr/lib/spark/examples/jars/spark-examples.jar", List.of("100"),
                        "--class org.apache.spark.examples.SparkPi");
        if (cloudWatch) {
            b.cloudWatchLogs(BenchServers.LOG_GROUP, "bench");
        }
        return b.build();
    }

    @Override
    public void close() {
        machinery.close();
        clients.close();
    }
}
