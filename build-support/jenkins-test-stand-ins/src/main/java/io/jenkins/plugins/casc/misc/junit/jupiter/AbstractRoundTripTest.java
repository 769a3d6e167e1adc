package io.jenkins.plugins.casc.misc.junit.jupiter;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Stand-in mirroring io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest from configuration-as-code test-harness 2117.vc05a_0b_e6b_f4e. */
@WithJenkins
public abstract class AbstractRoundTripTest {

    @TempDir
    public Path tempFolder;

    protected abstract void assertConfiguredAsExpected(JenkinsRule j, String configContent);

    protected String configResource() {
        throw new UnsupportedOperationException();
    }

    protected abstract String stringInLogExpected();

    @Test
    public void roundTripTest(JenkinsRule r) throws Throwable {
        throw new UnsupportedOperationException();
    }
}
