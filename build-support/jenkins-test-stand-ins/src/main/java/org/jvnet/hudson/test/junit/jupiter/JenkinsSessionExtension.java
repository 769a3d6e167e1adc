package org.jvnet.hudson.test.junit.jupiter;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.File;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jvnet.hudson.test.JenkinsRule;

/** Stand-in mirroring org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension from jenkins-test-harness 2578.v44660312fd37 (org.jenkins-ci.main:jenkins-test-harness). */
public class JenkinsSessionExtension implements BeforeEachCallback, AfterEachCallback {

    public File getHome() {
        throw new UnsupportedOperationException();
    }

    public void then(Step s) throws Throwable {
        throw new UnsupportedOperationException();
    }

    @Override
    public void beforeEach(@NonNull ExtensionContext context) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void afterEach(@NonNull ExtensionContext context) {
        throw new UnsupportedOperationException();
    }

    /** Mirrors JenkinsSessionExtension.Step (its JenkinsSessionFixture.Step supertype folded in). */
    @FunctionalInterface
    public interface Step {
        void run(JenkinsRule r) throws Throwable;
    }
}
