package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Library warnings (fabric8's watch, the SDK's retries) never reach the user's stderr with their stack traces. */
class LibraryLoggingTest {

    @Test
    void aLibraryWarningWithAStackTracePrintsNothing() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).as("the command's own binding")
                .startsWith("org.slf4j.simple.");
        Logger reflector = LoggerFactory.getLogger("io.fabric8.kubernetes.client.informers.impl.cache.Reflector");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            reflector.warn("Watch closing with exception", new IllegalStateException("connection reset"));
            reflector.error("something a library thinks is an error", new IllegalStateException("boom"));
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
