package org.jvnet.hudson.test.junit.jupiter;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Stand-in mirroring org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension from jenkins-test-harness 2578.v44660312fd37 (org.jenkins-ci.main:jenkins-test-harness). */
public class BuildWatcherExtension implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(@NonNull ExtensionContext context) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void afterAll(@NonNull ExtensionContext context) {
        throw new UnsupportedOperationException();
    }
}
