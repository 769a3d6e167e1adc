package io.jenkins.plugins.sparkeks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class S3StsEksSdkTest {
    private AwsEmulator aws;

    @BeforeEach
    void start() {
        aws = AwsEmulator.start().virtualCluster(VirtualCluster.running("vc1", "analytics", "eks-prod", "spark"));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void driverOutputLandsInS3AsGzipWhenTheRunFinishes() throws IOException {
        aws.script("pi", JobScript.builder().running(Duration.ofSeconds(20)).stdout("Pi is roughly 3.14", "bye")
                .stderr("INFO starting").build());
        String id;
        try (EmrContainersClient emr = Sdk.emr(aws)) {
            id = emr.startJobRun(r -> r.virtualClusterId("vc1").name("pi").clientToken("t")
                    .executionRoleArn("arn:aws:iam::111122223333:role/job").releaseLabel("emr-7.2.0-latest")
                    .jobDriver(d -> d.sparkSubmitJobDriver(s -> s.entryPoint("s3://b/app.py")))
                    .configurationOverrides(c -> c.monitoringConfiguration(m -> m
                            .s3MonitoringConfiguration(s3 -> s3.logUri("s3://logs-bucket/emr/"))))).id();
        }
        String driver = "emr/vc1/jobs/" + id + "/containers/spark-" + id + "/spark-" + id + "-driver/";
        try (S3Client s3 = Sdk.s3(aws)) {
            aws.advance(Duration.ofSeconds(22));
            assertThat(s3.listObjectsV2(r -> r.bucket("logs-bucket").prefix("emr/")).contents()).isEmpty();

            aws.advance(Duration.ofSeconds(1));
            List<String> keys = s3.listObjectsV2Paginator(r -> r.bucket("logs-bucket").prefix("emr/vc1/").maxKeys(1))
                    .contents().stream().map(S3Object::key).toList();
            assertThat(keys).containsExactly(driver + "stderr.gz", driver + "stdout.gz");

            byte[] gz = s3.getObjectAsBytes(r -> r.bucket("logs-bucket").key(driver + "stdout.gz")).asByteArray();
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("Pi is roughly 3.14\nbye\n");
            }
            assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("logs-bucket").key("emr/none.gz")))
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }

    @Test
    void stsTellsWhoCallsAndAssumedRoleCredentialsAreRecognised() {
        try (StsClient sts = Sdk.sts(aws, Sdk.CREDENTIALS)) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertThat(me.account()).isEqualTo("111122223333");
            assertThat(me.arn()).isEqualTo("arn:aws:iam::111122223333:user/emulator-user");

            AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn("arn:aws:iam::444455556666:role/deployer")
                    .roleSessionName("jenkins-42").externalId("ext-1").durationSeconds(900));
            assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
            assertThat(assumed.credentials().sessionToken()).isNotBlank();
            assertThat(assumed.credentials().expiration()).isEqualTo(AwsEmulator.DEFAULT_START.plusSeconds(900));
            assertThat(assumed.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::444455556666:assumed-role/deployer/jenkins-42");
            assertThat(aws.assumedRoles()).singleElement().satisfies(s -> {
                assertThat(s.externalId()).contains("ext-1");
                assertThat(s.callerAccessKeyId()).isEqualTo(AwsEmulator.ACCESS_KEY_ID);
            });

            var session = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    assumed.credentials().accessKeyId(), assumed.credentials().secretAccessKey(),
                    assumed.credentials().sessionToken()));
            try (StsClient asRole = Sdk.sts(aws, session); EmrContainersClient emr = Sdk.emrAs(aws, session)) {
                GetCallerIdentityResponse role = asRole.getCallerIdentity();
                assertThat(role.arn()).isEqualTo("arn:aws:sts::444455556666:assumed-role/deployer/jenkins-42");
                assertThat(role.account()).isEqualTo("444455556666");

                String id = emr.startJobRun(r -> r.virtualClusterId("vc1").name("pi").clientToken("t")
                        .executionRoleArn("arn:aws:iam::111122223333:role/job").releaseLabel("emr-7.2.0-latest")
                        .jobDriver(d -> d.sparkSubmitJobDriver(sd -> sd.entryPoint("s3://b/app.py")))).id();
                assertThat(emr.describeJobRun(r -> r.virtualClusterId("vc1").id(id)).jobRun().createdBy())
                        .isEqualTo("arn:aws:sts::444455556666:assumed-role/deployer/jenkins-42");
                assertThat(aws.recordedCalls()).filteredOn(c -> c.operation() == Operation.START_JOB_RUN)
                        .extracting(RecordedCall::accessKeyId)
                        .containsExactly(assumed.credentials().accessKeyId());
            }
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("deployer").roleSessionName("s1")))
                    .isInstanceOf(StsException.class).hasMessageContaining("roleArn");
        }
    }

    @Test
    void eksDescribeClusterReturnsEndpointAndCertificate() {
        aws.eksCluster(EksCluster.active("eks-prod", "https://127.0.0.1:6443", "-----BEGIN CERTIFICATE-----\n"));
        try (EksClient eks = Sdk.eks(aws)) {
            Cluster cluster = eks.describeCluster(r -> r.name("eks-prod")).cluster();
            assertThat(cluster.endpoint()).isEqualTo("https://127.0.0.1:6443");
            assertThat(cluster.status()).isEqualTo(ClusterStatus.ACTIVE);
            assertThat(new String(Base64.getDecoder().decode(cluster.certificateAuthority().data()),
                    StandardCharsets.UTF_8)).isEqualTo("-----BEGIN CERTIFICATE-----\n");
            assertThat(cluster.createdAt()).isEqualTo(AwsEmulator.DEFAULT_START);
            assertThatThrownBy(() -> eks.describeCluster(r -> r.name("missing")))
                    .isInstanceOf(software.amazon.awssdk.services.eks.model.ResourceNotFoundException.class)
                    .hasMessageContaining("missing");
        }
    }
}
