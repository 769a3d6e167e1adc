package io.jenkins.plugins.sparkeks.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** The measured JVM's settings, printed above the table: figures mean little without them. */
final class JvmSettings {

    private JvmSettings() {}

    static String describe() {
        Runtime rt = Runtime.getRuntime();
        List<String> gcs = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        return "engine JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", " + rt.availableProcessors() + " CPUs, max heap " + rt.maxMemory() / (1024 * 1024) + " MB, GC "
                + String.join("/", gcs) + ", arguments " + ManagementFactory.getRuntimeMXBean().getInputArguments()
                + "\nserver JVM: -Xmx1g -XX:+UseSerialGC (mock API server, simulated kubelet, AWS emulator)";
    }
}
