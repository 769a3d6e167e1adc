package io.jenkins.plugins.sparkeks.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link BenchServers} in a child JVM, started from the bench's own class path, and the line protocol to it. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final Map<String, String> info = new HashMap<>();

    private ServerProcess(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                info.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (!info.containsKey("k8s.url")) {
            throw new IOException("the bench servers did not start; see " + BenchContext.SERVER_LOG);
        }
    }

    static ServerProcess start(String classPath, Path workDir) {
        List<String> command = List.of(JavaCommand.java(), "-Xmx1g", "-XX:+UseSerialGC",
                "-Dsun.net.httpserver.nodelay=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classPath, BenchServers.class.getName());
        try {
            Process p = new ProcessBuilder(command).redirectError(workDir.resolve(BenchContext.SERVER_LOG).toFile())
                    .start();
            return new ServerProcess(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String info(String key) {
        return info.get(key);
    }

    /** Sends one command and returns the answer after {@code ok}. */
    synchronized String command(String line) {
        in.println(line);
        try {
            String answer = out.readLine();
            if (answer == null || !answer.startsWith("ok")) {
                throw new IllegalStateException("bench servers answered '" + answer + "' to '" + line + "'");
            }
            return answer.substring(2).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        in.close();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
