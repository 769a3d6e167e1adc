package io.jenkins.plugins.sparkeks.cli;

/** The only class of the jar {@link LauncherScriptTest} starts with the real JVM. */
public final class LauncherProbe {

    private LauncherProbe() {}

    public static void main(String[] args) {
        System.out.println("probe " + String.join(" ", args));
    }
}
