package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue;
import org.springframework.security.core.Authentication;

/** Stand-in mirroring hudson.model.queue.Tasks from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public class Tasks {
    @NonNull
    public static Authentication getAuthenticationOf2(@NonNull Queue.Task t) {
        throw new UnsupportedOperationException();
    }
}
