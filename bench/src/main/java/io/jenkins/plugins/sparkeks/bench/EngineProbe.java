package io.jenkins.plugins.sparkeks.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads this JVM's own figures: live threads, heap retained after full collections, process CPU time, and the
 * established TCP connections this process holds to a port (its socket inodes matched in {@code /proc/net/tcp*}).
 */
final class EngineProbe {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private EngineProbe() {}

    record Snapshot(int threads, long retainedHeap, int connections) {}

    static Snapshot snapshot(int port) {
        return new Snapshot(THREADS.getThreadCount(), retainedHeap(), connections(port));
    }

    static int threads() {
        return THREADS.getThreadCount();
    }

    static void resetPeakThreads() {
        THREADS.resetPeakThreadCount();
    }

    static int peakThreads() {
        return THREADS.getPeakThreadCount();
    }

    /** Heap in use after collections have stopped freeing anything: what is reachable, not what is garbage. */
    static long retainedHeap() {
        Runtime rt = Runtime.getRuntime();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long used = rt.totalMemory() - rt.freeMemory();
            if (Math.abs(last - used) < 64 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Established connections of this process whose remote port is {@code port}; -1 where /proc is missing. */
    static int connections(int port) {
        return connections(ProcessHandle.current().pid(), port);
    }

    static int connections(long pid, int port) {
        Set<String> inodes = socketInodes(pid);
        if (inodes == null) {
            return -1;
        }
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 10 || !f[3].equals("01")) {
                        continue;
                    }
                    String remote = f[2];
                    int remotePort = Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16);
                    if (remotePort == port && inodes.contains(f[9])) {
                        count++;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a table that is absent (no IPv6) counts nothing
            }
        }
        return count;
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed while listing
                }
            });
            return inodes;
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code Threads} and {@code VmRSS} (bytes) of another process, or -1 when it is gone. */
    static long[] threadsAndRss(long pid) {
        try {
            long threads = -1;
            long rss = -1;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.substring(8).trim());
                } else if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
            return new long[] {threads, rss};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
