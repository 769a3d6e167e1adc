package io.jenkins.plugins.sparkeks.sparkapps;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.ExternalClusterManager;
import org.apache.spark.scheduler.SchedulerBackend;
import org.apache.spark.scheduler.TaskScheduler;
import org.apache.spark.scheduler.TaskSchedulerImpl;
import org.apache.spark.scheduler.local.LocalSchedulerBackend;
import org.apache.spark.util.SystemClock;

/**
 * Master {@code local-sandbox[N]}: Spark's local mode (N task threads in the driver JVM, no task retries), except
 * that the application keeps the {@code spark.app.id} it was submitted with, as a driver on Kubernetes does, so
 * its UI, REST API and event log name it like the driver pod's {@code spark-app-selector} label. Plain local mode
 * would call it {@code local-<millis>}.
 */
public final class SandboxClusterManager implements ExternalClusterManager {

    public static final String MASTER_PREFIX = "local-sandbox[";
    private static final Pattern MASTER = Pattern.compile("local-sandbox\\[([0-9]+)\\]");

    @Override
    public boolean canCreate(String masterURL) {
        return MASTER.matcher(masterURL).matches();
    }

    @Override
    public TaskScheduler createTaskScheduler(SparkContext sc, String masterURL) {
        return new TaskSchedulerImpl(sc, 1, true, new SystemClock());
    }

    @Override
    public SchedulerBackend createSchedulerBackend(SparkContext sc, String masterURL, TaskScheduler scheduler) {
        Matcher m = MASTER.matcher(masterURL);
        int threads = m.matches() ? Integer.parseInt(m.group(1)) : 1;
        String submittedId = sc.getConf().get("spark.app.id", null);
        return new LocalSchedulerBackend(sc.getConf(), (TaskSchedulerImpl) scheduler, threads) {
            @Override
            public String applicationId() {
                return submittedId != null ? submittedId : super.applicationId();
            }
        };
    }

    @Override
    public void initialize(TaskScheduler scheduler, SchedulerBackend backend) {
        ((TaskSchedulerImpl) scheduler).initialize(backend);
    }
}
