package io.jenkins.plugins.sparkeks.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), or "development" when run from classes. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = SparkOnEks.class.getPackage().getImplementationVersion();
        return new String[] {"spark-on-eks " + (v == null ? "development" : v)};
    }
}
