package jenkins.tasks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;

/** Stand-in mirroring jenkins.tasks.SimpleBuildStep from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the workspace-less overload the plugin implements). */
public interface SimpleBuildStep extends BuildStep {
    default void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        throw new UnsupportedOperationException();
    }

    default boolean requiresWorkspace() {
        throw new UnsupportedOperationException();
    }
}
