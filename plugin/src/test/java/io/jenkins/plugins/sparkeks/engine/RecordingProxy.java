package io.jenkins.plugins.sparkeks.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy stand-in that records the target of every request and answers 502. A raw socket rather than the
 * JDK's HttpServer: the SDK sends targets such as {@code http://host:port} with an empty path, which HttpServer
 * answers with its own 404 before any handler sees them.
 */
final class RecordingProxy implements AutoCloseable {

    private final ServerSocket socket;
    private final List<String> targets = new CopyOnWriteArrayList<>();

    RecordingProxy() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::serve, "recording-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<String> targets() {
        return List.copyOf(targets);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
                String requestLine = in.readLine();
                int length = 0;
                for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                    if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(
                                header.substring("content-length:".length()).trim());
                    }
                }
                in.skip(length);
                if (requestLine != null) {
                    targets.add(requestLine.split(" ")[1]);
                }
                OutputStream out = connection.getOutputStream();
                out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedOrBroken) {
                // the test closed the proxy, or a client hung up: nothing to record
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
