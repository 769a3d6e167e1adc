package io.jenkins.plugins.sparkeks.bench;

import java.nio.file.Path;

/** The {@code java} launcher of the running JDK, so every child JVM runs the same version as the engine. */
final class JavaCommand {

    private JavaCommand() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
