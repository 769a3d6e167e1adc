package io.jenkins.plugins.sparkeks.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run under {@code bash} so that the shell's {@code times} reports the CPU the command used (user +
 * system of its children), with the main child's threads, resident memory and connections to one port sampled
 * every 100 ms while it runs.
 */
final class ChildProcess {

    record Result(int exitCode, double wallMs, double cpuMs, long peakThreads, long peakRss, int peakConnections,
            long endedAtMillis, String output) {}

    private ChildProcess() {}

    static Result run(List<String> command, Path workDir, Map<String, String> env, int port, long timeoutSeconds)
            throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (String part : command) {
            script.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        script.append("; rc=$?; times >&2; exit $rc");
        Path log = Files.createTempFile(workDir, "child", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script.toString()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process shell = pb.start();
        long peakThreads = 0;
        long peakRss = 0;
        int peakConnections = 0;
        while (!shell.waitFor(100, TimeUnit.MILLISECONDS)) {
            for (ProcessHandle child : shell.toHandle().descendants().toList()) {
                long[] tr = EngineProbe.threadsAndRss(child.pid());
                peakThreads = Math.max(peakThreads, tr[0]);
                peakRss = Math.max(peakRss, tr[1]);
                peakConnections = Math.max(peakConnections, EngineProbe.connections(child.pid(), port));
            }
            if ((System.nanoTime() - start) / 1e9 > timeoutSeconds) {
                shell.descendants().forEach(ProcessHandle::destroyForcibly);
                shell.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s; see " + log);
            }
        }
        long ended = System.currentTimeMillis();
        double wallMs = (System.nanoTime() - start) / 1e6;
        String output = Files.readString(log);
        return new Result(shell.exitValue(), wallMs, childrenCpuMs(output), peakThreads, peakRss, peakConnections,
                ended, output);
    }

    /** The second line of bash's {@code times}: children's user and system time, e.g. {@code 0m2.104s 0m0.312s}. */
    static double childrenCpuMs(String output) {
        List<String> times = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.matches("\\d+m[\\d.]+s \\d+m[\\d.]+s")) {
                times.add(line);
            }
        }
        if (times.size() < 2) {
            return Double.NaN;
        }
        double total = 0;
        for (String t : times.get(times.size() - 1).split(" ")) {
            int m = t.indexOf('m');
            total += Long.parseLong(t.substring(0, m)) * 60_000 + Double.parseDouble(t.substring(m + 1, t.length() - 1)) * 1000;
        }
        return total;
    }
}
