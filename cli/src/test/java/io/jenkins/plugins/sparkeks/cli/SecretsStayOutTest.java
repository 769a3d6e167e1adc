package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, kubeconfig contents and secret conf values never reach the command's output, whatever fails. */
class SecretsStayOutTest {

    private static final String TOKEN = "sekrit-bearer-token-value";
    private static final String KUBECONFIG_SECRET = "kubeconfig-embedded-token-value";

    @TempDir
    Path dir;

    private HttpServer refusing;

    @BeforeEach
    void startAnApiServerThatRefusesEveryone() throws IOException {
        refusing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        refusing.createContext("/", ex -> {
            byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"Unauthorized\","
                    + "\"reason\":\"Unauthorized\",\"code\":401}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(401, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        refusing.start();
    }

    @AfterEach
    void stop() {
        refusing.stop(0);
    }

    @Test
    void aRefusedBearerTokenIsAClusterErrorThatNeverShowsTheToken() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), TOKEN);

        CliRun run = CliRun.run(ClusterEngines::new, "submit", "--server",
                "http://127.0.0.1:" + refusing.getAddress().getPort(), "--token-file", token.toString(),
                "--namespace", "spark", "--name", "pi", "--image", DemoCommand.IMAGE, "--class", "x.Y",
                "--conf", "spark.hadoop.fs.s3a.secret.key=conf-secret-value", DemoCommand.EXAMPLES);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out() + run.err()).doesNotContain(TOKEN, "conf-secret-value");
    }

    @Test
    void anUnknownKubeconfigContextIsAUsageErrorThatNeverShowsTheFile() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://203.0.113.10:6443"}
                users:
                - name: u
                  user: {token: %s}
                contexts:
                - name: real
                  context: {cluster: c, user: u}
                current-context: real
                """.formatted(KUBECONFIG_SECRET));

        CliRun run = CliRun.run(ClusterEngines::new, "status", "--kubeconfig", kubeconfig.toString(),
                "--context", "typo", new ReferenceCodec().encode(new io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference(
                        io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates.server("https://203.0.113.10:6443"),
                        "spark", "pi-driver", null, null, null, null)));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("typo");
        assertThat(run.out() + run.err()).doesNotContain(KUBECONFIG_SECRET);
    }
}
