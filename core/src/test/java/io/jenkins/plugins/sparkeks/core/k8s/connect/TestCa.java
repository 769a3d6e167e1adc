package io.jenkins.plugins.sparkeks.core.k8s.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A self-signed certificate (no key kept) so fabric8 has a real CA to load. */
final class TestCa {

    static final String PEM = load();
    static final String BASE64 = Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII));

    private TestCa() {
    }

    private static String load() {
        try (InputStream in = TestCa.class.getResourceAsStream("test-ca.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
