package io.jenkins.plugins.sparkeks.cli;

/** How results are printed on stdout. */
public enum OutputFormat {
    /** Lines for people; the driver log on stdout, states and diagnostics on stderr. */
    text,
    /** One JSON document on stdout (the result map); the driver log and states go to stderr. */
    json
}
