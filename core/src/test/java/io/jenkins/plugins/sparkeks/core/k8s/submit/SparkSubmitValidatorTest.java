package io.jenkins.plugins.sparkeks.core.k8s.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SparkSubmitValidatorTest {

    private final SparkSubmitValidator validator = new SparkSubmitValidator();

    private static SparkSubmitRequest.Builder valid() {
        return SparkSubmitRequest.builder("etl")
                .namespace("spark-apps")
                .mainClass("com.example.Main")
                .primaryResource("local:///opt/app/app.jar");
    }

    @Test
    void aCompleteRequestIsValid() {
        SparkSubmitRequest r = valid().driverMemory("4g").executorMemory("8g").executorInstances(0).driverCores(2)
                .serviceAccount("spark").label("team", "data").annotation("example.com/owner", "me")
                .env("FOO", "bar").nodeSelector("kubernetes.io/arch", "arm64").imagePullPolicy("Always")
                .imagePullSecret("regcred").toleration(PodToleration.exists("dedicated", "NoSchedule"))
                .jars(List.of("s3a://b/x.jar")).files(List.of("https://h/f")).conf("spark.sql.shuffle.partitions", "8")
                .driverPodTemplate("apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: main}]\n").build();
        assertThat(validator.errors(r)).isEmpty();
        validator.validate(r);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("app name missing", b -> b.appName(" "), "appName", "Give the application a name"),
                rule("app name without letters", b -> b.appName("___"), "appName", "letters or digits"),
                rule("namespace not DNS-1123", b -> b.namespace("Spark_Apps"), "namespace", "lower-case letters"),
                rule("namespace too long", b -> b.namespace("a".repeat(64)), "namespace", "at most 63"),
                rule("service account invalid", b -> b.serviceAccount("Spark SA"), "serviceAccount", "lower-case"),
                rule("image with whitespace", b -> b.image("my image"), "image", "image reference"),
                rule("emr release malformed", b -> b.emrRelease("7.12"), "emrRelease", "emr-7.12.0"),
                rule("spark version label", b -> b.sparkVersion("3.5.6+custom"), "sparkVersion", "3.5.6-amzn-1"),
                rule("primary resource missing", b -> b.primaryResource(null), "primaryResource", "application jar or .py"),
                rule("primary resource local file", b -> b.primaryResource("/home/me/app.jar"), "primaryResource", "local:///path"),
                rule("primary resource file scheme", b -> b.primaryResource("file:///tmp/app.jar"), "primaryResource", "s3a://"),
                rule("primary resource unknown scheme", b -> b.primaryResource("ftp2://h/app.jar"), "primaryResource", "Use local://"),
                rule("py file local", b -> b.pyFiles(List.of("deps.zip")), "pyFiles[0]", "local:///path"),
                rule("jar unknown scheme", b -> b.jars(List.of("mvn://g:a:1")), "jars[0]", "Use local://"),
                rule("file not a URI", b -> b.files(List.of("s3a://b/a b")), "files[0]", "Escape spaces"),
                rule("main class missing", b -> b.mainClass(null), "mainClass", "fully qualified main class"),
                rule("main class malformed", b -> b.mainClass("com.example.Main App"), "mainClass", "fully qualified"),
                rule("main class for python", b -> b.primaryResource("s3a://b/job.py"), "mainClass", "Remove mainClass"),
                rule("driver memory fraction", b -> b.driverMemory("1.5g"), "driverMemory", "fractions"),
                rule("executor memory unit", b -> b.executorMemory("4gigs"), "executorMemory", "e.g. 4g"),
                rule("memory overhead", b -> b.driverMemoryOverhead("lots"), "driverMemoryOverhead", "e.g. 4g"),
                rule("driver cores zero", b -> b.driverCores(0), "driverCores", "whole number of cores"),
                rule("driver memory beyond any node", b -> b.driverMemory("99999999999t"), "driverMemory", "memory one driver or executor container needs"),
                rule("executor memory beyond any node", b -> b.executorMemory("65t"), "executorMemory", "memory one driver or executor container needs"),
                rule("conf memory beyond any node", b -> b.conf("spark.driver.memory", "70000g"), "conf[spark.driver.memory]", "container needs, e.g. 4g"),
                rule("executor cores beyond any node", b -> b.executorCores(1025), "executorCores", "cores one container needs"),
                rule("executor instances negative", b -> b.executorInstances(-1), "executorInstances", "0 or more"),
                rule("conf memory", b -> b.conf("spark.executor.memory", "4 GB"), "conf[spark.executor.memory]", "e.g. 4g"),
                rule("conf number", b -> b.conf("spark.executor.cores", "two"), "conf[spark.executor.cores]", "whole number"),
                rule("conf factor", b -> b.conf("spark.driver.memoryOverheadFactor", "ten%"), "conf[spark.driver.memoryOverheadFactor]", "0.2"),
                rule("label key", b -> b.label("bad key", "x"), "labels[bad key]", "example.com/team"),
                rule("label value", b -> b.label("team", "data science"), "labels[team]", "at most 63 letters"),
                rule("reserved label", b -> b.label("spark-role", "x"), "labels[spark-role]", "another label key"),
                rule("annotation key", b -> b.annotation("-bad", "x"), "annotations[-bad]", "example.com/team"),
                rule("node selector value", b -> b.nodeSelector("pool", "a b"), "nodeSelector[pool]", "at most 63 letters"),
                rule("env name", b -> b.env("1ABC", "x"), "env[1ABC]", "not starting with a digit"),
                rule("owned env", b -> b.env("SPARK_LOCAL_DIRS", "/x"), "env[SPARK_LOCAL_DIRS]", "Remove it"),
                rule("non-spark conf key", b -> b.conf("fs.s3a.endpoint", "x"), "conf[fs.s3a.endpoint]", "spark.hadoop.*"),
                rule("driver host", b -> b.conf("spark.driver.host", "x"), "conf[spark.driver.host]", "Remove it"),
                rule("bind address", b -> b.conf("spark.driver.bindAddress", "0.0.0.0"), "conf[spark.driver.bindAddress]", "Remove it"),
                rule("pod name", b -> b.conf("spark.kubernetes.driver.pod.name", "x"), "conf[spark.kubernetes.driver.pod.name]", "submission key"),
                rule("app id", b -> b.conf("spark.app.id", "x"), "conf[spark.app.id]", "submission key"),
                rule("master", b -> b.conf("spark.master", "k8s://x"), "conf[spark.master]", "Remove it"),
                rule("template file", b -> b.conf("spark.kubernetes.driver.podTemplateFile", "/t.yaml"),
                        "conf[spark.kubernetes.driver.podTemplateFile]", "driverPodTemplate"),
                rule("wait completion", b -> b.conf("spark.kubernetes.submission.waitAppCompletion", "true"),
                        "conf[spark.kubernetes.submission.waitAppCompletion]", "Remove it"),
                rule("upload path", b -> b.conf("spark.kubernetes.file.upload.path", "s3a://b/u"),
                        "conf[spark.kubernetes.file.upload.path]", "local:// paths"),
                rule("driver volumes", b -> b.conf("spark.kubernetes.driver.volumes.persistentVolumeClaim.d.mount.path", "/d"),
                        "conf[spark.kubernetes.driver.volumes.persistentVolumeClaim.d.mount.path]", "driverPodTemplate"),
                rule("reserved label via conf", b -> b.conf("spark.kubernetes.driver.label.spark-app-selector", "x"),
                        "conf[spark.kubernetes.driver.label.spark-app-selector]", "Remove it"),
                rule("field and conf disagree", b -> b.driverMemory("2g").conf("spark.driver.memory", "4g"), "driverMemory", "one place"),
                rule("pull policy", b -> b.imagePullPolicy("Sometimes"), "imagePullPolicy", "IfNotPresent"),
                rule("pull secret", b -> b.imagePullSecret("Reg Cred"), "imagePullSecrets[0]", "lower-case"),
                rule("toleration operator", b -> b.toleration(new PodToleration("k", "Maybe", null, null, null)), "tolerations[0]", "Equal or Exists"),
                rule("toleration effect", b -> b.toleration(PodToleration.equal("k", "v", "Never")), "tolerations[0]", "NoExecute"),
                rule("toleration key", b -> b.toleration(PodToleration.equal(null, "v", "NoSchedule")), "tolerations[0]", "taint key"),
                rule("toleration seconds", b -> b.toleration(new PodToleration("k", "Equal", "v", "NoSchedule", 30L)), "tolerations[0]", "NoExecute"),
                rule("template not yaml", b -> b.driverPodTemplate("kind: Pod\n  bad: [\n"), "driverPodTemplate", "Pod manifest"),
                rule("template not a pod", b -> b.driverPodTemplate("apiVersion: v1\nkind: Service\nmetadata: {name: x}\n"),
                        "driverPodTemplate", "kind: Pod"),
                rule("template namespace", b -> b.driverPodTemplate("apiVersion: v1\nkind: Pod\nmetadata: {namespace: other}\n"),
                        "driverPodTemplate", "Remove metadata.namespace"),
                rule("executor template file", b -> b.conf("spark.kubernetes.executor.podTemplateFile", "/e.yaml"),
                        "conf[spark.kubernetes.executor.podTemplateFile]", "executorPodTemplate"),
                rule("executor template not a pod", b -> b.executorPodTemplate("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"),
                        "executorPodTemplate", "kind: Pod"),
                rule("executor template too large", b -> b.executorPodTemplate("#" + "x".repeat(1024 * 1024)),
                        "executorPodTemplate", "under 1 MiB"),
                rule("template container name", b -> b.driverPodTemplate("apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a}]}\n")
                        .conf("spark.kubernetes.driver.podTemplateContainerName", "b"),
                        "conf[spark.kubernetes.driver.podTemplateContainerName]", "template's containers"));
    }

    private static Arguments rule(String name, UnaryOperator<SparkSubmitRequest.Builder> change, String field, String fix) {
        return arguments(name, change, field, fix);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleNamesTheFieldAndTheFix(String name, UnaryOperator<SparkSubmitRequest.Builder> change, String field, String fix) {
        List<FieldError> errors = validator.errors(change.apply(valid()).build());
        assertThat(errors).as(name).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.fix()).contains(fix);
        });
        assertThatThrownBy(() -> validator.validate(change.apply(valid()).build()))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining(field);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidJobSpecException e = (InvalidJobSpecException) org.assertj.core.api.Assertions.catchThrowable(() ->
                validator.validate(valid().namespace("BAD").driverMemory("x").mainClass(null).build()));
        assertThat(e.errors()).extracting(FieldError::field).contains("namespace", "driverMemory", "mainClass");
    }

    @Test
    void sensitiveConfValuesAreNeverEchoed() {
        SparkSubmitRequest r = valid()
                .conf("spark.hadoop.fs.s3a.secret.key", null)
                .conf("spark.driver.host", "TOPSECRET-host")
                .conf("spark.kubernetes.authenticate.submission.oauthToken", "TOPSECRET-token")
                .conf("spark.executor.memory", "TOPSECRET-mem")
                .env("DB_PASSWORD", "TOPSECRET-env")
                .conf("spark.kubernetes.driverEnv.DB_PASSWORD", "TOPSECRET-other")
                .build();
        List<FieldError> errors = validator.errors(r);
        assertThat(errors).hasSizeGreaterThanOrEqualTo(4);
        assertThat(errors).allSatisfy(e -> assertThat(e.toString()).doesNotContain("TOPSECRET"));
    }
}
