package io.jenkins.plugins.sparkeks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a driver pod's container becomes the child JVM, without starting one. */
class DriverCommandTest {

    private static final SparkRuntime RUNTIME = new SparkRuntime(Path.of("/rt/lib"), Path.of("/rt/apps/apps.jar"));
    private static final Path CONF = Path.of("/sandbox-driver/conf/spark.properties");
    private static final Path LOCAL = Path.of("/sandbox-driver/local");
    private static final String EMR_EXAMPLES = "local:///usr/lib/spark/examples/jars/spark-examples.jar";

    private static DriverCommand command(List<String> args, Map<String, String> properties) {
        return DriverCommand.of(args, List.of(), properties, RUNTIME, CONF, LOCAL, Map.of());
    }

    @Test
    void emrSparkPiRunsTheSandboxPiFromTheAppsJarInLocalModeWithTheChildsOwnPropertiesFile() {
        DriverCommand c = command(List.of("driver", "--properties-file", "/opt/spark/conf/spark.properties",
                "--class", "org.apache.spark.examples.SparkPi", EMR_EXAMPLES, "100"), Map.of());

        List<String> cmd = c.command();
        int submit = cmd.indexOf("org.apache.spark.deploy.SparkSubmit");
        assertThat(cmd.subList(submit + 1, submit + 5)).containsExactly("--master", "local-sandbox[2]", "--deploy-mode",
                "client");
        assertThat(cmd.subList(cmd.size() - 6, cmd.size())).containsExactly("--properties-file", CONF.toString(),
                "--class", "io.jenkins.plugins.sparkeks.sparkapps.SparkPi", RUNTIME.appsJar().toUri().toString(), "100");
        assertThat(cmd).contains("-cp", RUNTIME.lib() + "/*:" + RUNTIME.appsJar(),
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
    }

    @Test
    void apacheImageExamplesJarMapsToo() {
        DriverCommand c = command(List.of("driver", "--class", "io.jenkins.plugins.sparkeks.sparkapps.SlowStages",
                "local:///opt/spark/examples/jars/spark-examples_2.12-3.5.6.jar"), Map.of());

        assertThat(c.command()).endsWith("io.jenkins.plugins.sparkeks.sparkapps.SlowStages",
                RUNTIME.appsJar().toUri().toString());
    }

    @Test
    void anyOtherResourceAndClassRunAsNamed() {
        DriverCommand c = command(List.of("driver", "--class", "com.example.Etl", "local:///opt/app/etl.jar", "x"),
                Map.of());

        assertThat(c.command()).endsWith("com.example.Etl", "local:///opt/app/etl.jar", "x");
    }

    @Test
    void addressesAndPortsAreLocalOnTheCommandLineWhereTheyBeatTheProperties() {
        DriverCommand c = command(List.of("driver", "--class", "X", EMR_EXAMPLES),
                Map.of("spark.driver.host", "pi-svc.spark.svc", "spark.driver.port", "7078"));

        assertThat(String.join(" ", c.command())).contains("--conf spark.driver.bindAddress=127.0.0.1",
                "--conf spark.driver.host=127.0.0.1", "--conf spark.driver.port=0", "--conf spark.ui.port=0",
                "--conf spark.driver.blockManager.port=0");
    }

    @Test
    void sparkJarsListingTheExamplesJarPointsAtTheAppsJarAndKeepsTheRest() {
        DriverCommand c = command(List.of("driver", "--class", "X", EMR_EXAMPLES),
                Map.of("spark.jars", EMR_EXAMPLES + ",local:///opt/extra.jar", "spark.app.name", "pi"));

        assertThat(c.properties()).containsEntry("spark.jars",
                RUNTIME.appsJar().toUri() + ",local:///opt/extra.jar").containsEntry("spark.app.name", "pi");
    }

    @Test
    void containerPathsAreReplacedAndThisMachinesSparkSettingsAndKubeconfigAreNotSeen() {
        List<EnvVar> podEnv = List.of(new EnvVar("SPARK_USER", "alice", null),
                new EnvVar("SPARK_LOCAL_DIRS", "/var/data/spark-1", null),
                new EnvVar("SPARK_CONF_DIR", "/opt/spark/conf", null),
                new EnvVarBuilder().withName("SPARK_DRIVER_BIND_ADDRESS").withNewValueFrom()
                        .withNewFieldRef("v1", "status.podIP").endValueFrom().build());
        DriverCommand c = DriverCommand.of(List.of("driver", "--class", "X", EMR_EXAMPLES), podEnv, Map.of(),
                RUNTIME, CONF, LOCAL, Map.of("PATH", "/usr/bin", "SPARK_HOME", "/opt/spark",
                        "KUBECONFIG", "/home/me/.kube/config"));

        assertThat(c.environment()).containsEntry("SPARK_USER", "alice")
                .containsEntry("SPARK_LOCAL_DIRS", LOCAL.toString())
                .containsEntry("SPARK_CONF_DIR", CONF.getParent().toString())
                .containsEntry("SPARK_LOCAL_IP", "127.0.0.1")
                .containsEntry("KUBECONFIG", CONF.resolveSibling("no-kubeconfig").toString())
                .containsEntry("PATH", "/usr/bin")
                .doesNotContainKeys("SPARK_HOME", "SPARK_DRIVER_BIND_ADDRESS");
    }

    @Test
    void onlyJvmDriversRun() {
        assertThatThrownBy(() -> command(List.of("driver-py", "--properties-file", "/x", "local:///app.py"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"driver-py\"");
    }
}
