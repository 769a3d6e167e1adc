package io.jenkins.plugins.sparkeks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every JSON answer of the emulator, read raw off the wire and checked against the service models botocore ships
 * (independent of the Java SDK, which ignores unknown members and would hide a misspelt one). Skipped when no
 * {@code python3} with botocore is on PATH.
 */
class ModelConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String START_BODY = "{\"name\":\"pi\",\"clientToken\":\"t1\","
            + "\"executionRoleArn\":\"arn:aws:iam::111122223333:role/job\",\"releaseLabel\":\"emr-7.2.0-latest\","
            + "\"jobDriver\":{\"sparkSubmitJobDriver\":{\"entryPoint\":\"s3://b/pi.py\",\"entryPointArguments\":[\"1\"],"
            + "\"sparkSubmitParameters\":\"--conf a=b\"}},\"configurationOverrides\":{\"applicationConfiguration\":"
            + "[{\"classification\":\"spark-defaults\",\"properties\":{\"spark.x\":\"y\"}}],\"monitoringConfiguration\":"
            + "{\"managedLogs\":{\"allowAWSToRetainLogs\":\"ENABLED\",\"encryptionKeyArn\":"
            + "\"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"},"
            + "\"cloudWatchMonitoringConfiguration\":{\"logGroupName\":\"/emr\",\"logStreamNamePrefix\":\"pi\"},"
            + "\"s3MonitoringConfiguration\":{\"logUri\":\"s3://logs/\"}}},\"retryPolicyConfiguration\":"
            + "{\"maxAttempts\":2},\"tags\":{\"team\":\"data\"}}";

    private static AwsEmulator aws;
    private static ServiceModel emr;
    private static ServiceModel logs;
    private static ServiceModel eks;

    @BeforeAll
    static void load() throws Exception {
        Path data = ServiceModel.botocoreData().orElse(null);
        assumeTrue(data != null, "no python3 with botocore on PATH: skipping the service-model conformance check");
        emr = ServiceModel.load(data, "emr-containers", "2020-10-01");
        logs = ServiceModel.load(data, "logs", "2014-03-28");
        eks = ServiceModel.load(data, "eks", "2017-11-01");
        aws = AwsEmulator.start().virtualCluster(VirtualCluster.running("vc1", "analytics", "eks-prod", "spark"))
                .eksCluster(EksCluster.active("eks-prod", "https://127.0.0.1:6443", "PEM"))
                .script("pi", JobScript.builder().pending(Duration.ZERO).submitted(Duration.ZERO)
                        .running(Duration.ofSeconds(10)).attempts(2).stdout("a", "b").stderr("c")
                        .fails("USER_ERROR", "exit 1").build());
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private static HttpResponse<String> call(String service, String method, String path, String target,
                                             String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(aws.endpoint() + path))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + AwsEmulator.ACCESS_KEY_ID
                        + "/20260101/us-east-1/" + service + "/aws4_request, SignedHeaders=host, Signature=00")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            b.header("X-Amz-Target", "Logs_20140328." + target).header("Content-Type", "application/x-amz-json-1.1");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void conforms(ServiceModel model, String shape, HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(model.violations(shape, body)).as(shape + " " + body).isEmpty();
    }

    @Test
    void emrContainersAnswersMatchTheModel() throws Exception {
        HttpResponse<String> started = call("emr-containers", "POST", "/virtualclusters/vc1/jobruns", null,
                START_BODY);
        assertThat(started.statusCode()).isEqualTo(200);
        conforms(emr, emr.outputOf("StartJobRun"), started);
        String id = JSON.readTree(started.body()).path("id").asText();
        String run = "/virtualclusters/vc1/jobruns/" + id;

        aws.advance(Duration.ofSeconds(6));
        conforms(emr, emr.outputOf("DescribeJobRun"), call("emr-containers", "GET", run, null, null));
        conforms(emr, emr.outputOf("ListJobRuns"), call("emr-containers", "GET",
                "/virtualclusters/vc1/jobruns?states=RUNNING&maxResults=5", null, null));
        conforms(emr, emr.outputOf("CancelJobRun"), call("emr-containers", "DELETE", run, null, null));
        aws.advance(Duration.ofMinutes(1));
        conforms(emr, emr.outputOf("DescribeJobRun"), call("emr-containers", "GET", run, null, null));
        conforms(emr, emr.outputOf("ListVirtualClusters"), call("emr-containers", "GET",
                "/virtualclusters?containerProviderId=eks-prod&containerProviderType=EKS", null, null));
        conforms(emr, emr.outputOf("DescribeVirtualCluster"), call("emr-containers", "GET", "/virtualclusters/vc1",
                null, null));

        HttpResponse<String> refused = call("emr-containers", "DELETE", run, null, null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).contains("ValidationException");
        conforms(emr, "ValidationException", refused);
        HttpResponse<String> missing = call("emr-containers", "GET", "/virtualclusters/vc1/jobruns/nope", null, null);
        assertThat(missing.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
        conforms(emr, "ResourceNotFoundException", missing);
    }

    /**
     * A virtual cluster with a scheduler: its counts are served as AWS documents them, and this check shows exactly
     * what the local botocore model cannot vouch for (it predates schedulerConfiguration and schedulerStatus).
     */
    @Test
    void aVirtualClustersSchedulerIsServedAndIsAllTheLocalModelLacks() throws Exception {
        // its own EKS cluster: the other test lists the virtual clusters of eks-prod and checks each
        aws.virtualCluster(VirtualCluster.running("vcq", "queued", "eks-queued", "spark-q").withScheduler(2, 1));
        // not "pi": the default script keeps the run PENDING for a second, holding the one queue place
        String body = START_BODY.replace("\"name\":\"pi\"", "\"name\":\"queued\"");
        assertThat(call("emr-containers", "POST", "/virtualclusters/vcq/jobruns", null, body.replace("\"t1\"", "\"tq1\""))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> full = call("emr-containers", "POST", "/virtualclusters/vcq/jobruns", null,
                body.replace("\"t1\"", "\"tq2\""));
        assertThat(full.statusCode()).isEqualTo(400);
        assertThat(full.headers().firstValue("x-amzn-ErrorType")).contains("ValidationException");
        conforms(emr, "ValidationException", full);

        HttpResponse<String> described = call("emr-containers", "GET", "/virtualclusters/vcq", null, null);
        JsonNode vc = JSON.readTree(described.body()).path("virtualCluster");
        assertThat(vc.path("schedulerConfiguration").path("maxConcurrentJobRuns").asInt()).isEqualTo(2);
        assertThat(vc.path("schedulerConfiguration").path("maxInQueueJobRuns").asInt()).isEqualTo(1);
        assertThat(vc.path("schedulerStatus").path("currentInQueueJobRuns").asInt()).isEqualTo(1);
        assertThat(vc.path("schedulerStatus").path("currentConcurrentJobRuns").asInt()).isZero();
        List<String> unknown = emr.violations(emr.outputOf("DescribeVirtualCluster"), JSON.readTree(described.body()));
        if (!unknown.isEmpty()) {
            assertThat(unknown).allMatch(v -> v.endsWith(".schedulerConfiguration: not a body member of the model")
                    || v.endsWith(".schedulerStatus: not a body member of the model"));
        }
    }

    @Test
    void cloudWatchLogsAnswersMatchTheModel() throws Exception {
        aws.script("lines", JobScript.builder().pending(Duration.ZERO).submitted(Duration.ZERO)
                .running(Duration.ofSeconds(10)).stdout("a", "b").stderr("c").build());
        call("emr-containers", "POST", "/virtualclusters/vc1/jobruns", null,
                START_BODY.replace("\"pi\",\"clientToken\":\"t1\"", "\"lines\",\"clientToken\":\"t2\""));
        aws.advance(Duration.ofSeconds(20));

        HttpResponse<String> streams = call("logs", "POST", "/", "DescribeLogStreams",
                "{\"logGroupName\":\"/emr\",\"limit\":1}");
        conforms(logs, logs.outputOf("DescribeLogStreams"), streams);
        String stream = JSON.readTree(streams.body()).path("logStreams").get(0).path("logStreamName").asText();
        conforms(logs, logs.outputOf("GetLogEvents"), call("logs", "POST", "/", "GetLogEvents",
                "{\"logGroupName\":\"/emr\",\"logStreamName\":\"" + stream + "\",\"startFromHead\":true}"));
        conforms(logs, logs.outputOf("FilterLogEvents"), call("logs", "POST", "/", "FilterLogEvents",
                "{\"logGroupName\":\"/emr\",\"limit\":1}"));

        HttpResponse<String> missing = call("logs", "POST", "/", "GetLogEvents",
                "{\"logGroupName\":\"/nope\",\"logStreamName\":\"s\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).path("__type").asText()).isEqualTo("ResourceNotFoundException");
        conforms(logs, "ResourceNotFoundException", missing);
    }

    @Test
    void theCheckItselfCatchesMisspeltMembersWrongTypesAndTimestamps() throws Exception {
        JsonNode wrong = JSON.readTree("{\"jobRun\":{\"id\":\"abc\",\"virtualClusterID\":\"vc1\","
                + "\"state\":\"DONE\",\"createdAt\":1767225600,\"retryPolicyExecution\":{}}}");

        assertThat(emr.violations(emr.outputOf("DescribeJobRun"), wrong)).hasSize(4)
                .anySatisfy(v -> assertThat(v).isEqualTo("$.jobRun.virtualClusterID: not a body member of the model"))
                .anySatisfy(v -> assertThat(v).startsWith("$.jobRun.state: 'DONE' is not one of"))
                .anySatisfy(v -> assertThat(v).startsWith("$.jobRun.createdAt: expected an ISO-8601 timestamp"))
                .anySatisfy(v -> assertThat(v).isEqualTo(
                        "$.jobRun.retryPolicyExecution: required member currentAttemptCount is missing"));
    }

    @Test
    void eksAnswersMatchTheModel() throws Exception {
        conforms(eks, eks.outputOf("DescribeCluster"), call("eks", "GET", "/clusters/eks-prod", null, null));
        HttpResponse<String> missing = call("eks", "GET", "/clusters/nope", null, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        conforms(eks, "ResourceNotFoundException", missing);
    }
}
