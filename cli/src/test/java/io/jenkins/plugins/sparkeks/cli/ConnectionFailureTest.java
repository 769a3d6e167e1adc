package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An API server that cannot be reached is reported naming the endpoint and what the network said, after few tries. */
class ConnectionFailureTest {

    @TempDir
    Path dir;

    private CliRun submit(String server) throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "t");
        return CliRun.run(ClusterEngines::new, "submit", "--server", server, "--token-file", token.toString(),
                "--namespace", "spark", "--name", "pi", "--image", DemoCommand.IMAGE, "--class", "x.Y",
                DemoCommand.EXAMPLES);
    }

    @Test
    void aRefusedConnectionNamesTheEndpointAndTheCause() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        CliRun run = submit("http://127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("the API server at http://127.0.0.1:" + port + "/ could not be reached",
                "ConnectException: connection refused");
    }

    @Test
    void aServerThatDropsEveryConnectionIsTriedAFewTimesNotTen() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket dropping = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!dropping.isClosed()) {
                    try (Socket s = dropping.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            CliRun run = submit("http://127.0.0.1:" + dropping.getLocalPort());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err()).contains("could not be reached");
        }
        // a submission's first two reads go out together; each is one request and its three retries, each of which
        // the JDK client may resend once on a dropped connection: at most 2 x 8 (fabric8's default of ten retries
        // would make up to 2 x 22)
        assertThat(connections.get()).isBetween(1, 16);
    }
}
