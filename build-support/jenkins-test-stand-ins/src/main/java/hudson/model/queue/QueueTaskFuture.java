package hudson.model.queue;

import hudson.model.Queue.Executable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Stand-in mirroring hudson.model.queue.QueueTaskFuture from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public interface QueueTaskFuture<R extends Executable> extends Future<R> {
    R waitForStart() throws InterruptedException, ExecutionException;
}
