package io.jenkins.plugins.sparkeks.engine;

import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.emr.EmrPollSettings;
import io.jenkins.plugins.sparkeks.core.emr.EmrWatchMachinery;
import io.jenkins.plugins.sparkeks.core.insight.InsightMachinery;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnector;
import io.jenkins.plugins.sparkeks.core.k8s.operator.SparkApplicationInformers;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The core machinery one controller shares among all its builds: one AWS client per settings, one
 * Kubernetes client per cluster, one informer per (cluster, namespace), one poller per virtual cluster and
 * log group. Created on first use and kept for the life of the controller; the AWS clients and cluster
 * connections inside are closed once unused for an hour or two (see the core's factories).
 */
final class CoreServices {

    private CoreServices() {}

    static AwsClientFactory aws() {
        return Holder.AWS;
    }

    /**
     * Makes AWS clients created from now on go through {@code proxy}: called with the controller's proxy each time a
     * job engine is made, so a change on Manage Jenkins » System applies to the next job without a restart.
     */
    static void useProxy(ControllerProxy proxy) {
        Holder.HTTP.follow(proxy);
    }

    static ClusterConnector clusters() {
        return Holder.CLUSTERS;
    }

    static WatchMachinery kubernetesWatches() {
        return Holder.K8S_WATCHES;
    }

    static SparkApplicationInformers sparkApplicationInformers() {
        return Holder.SPARK_APPLICATIONS;
    }

    /** Spark insight's reads run on the Kubernetes watch scheduler, within one request budget per cluster. */
    static InsightMachinery insight() {
        return Holder.INSIGHT;
    }

    static EmrWatchMachinery emrWatches() {
        return Holder.EMR_WATCHES;
    }

    /** Initialised on first access, so a controller that never runs a Spark job starts no thread. */
    private static final class Holder {
        static final AwsHttpClients HTTP = new AwsHttpClients();
        static final AwsClientFactory AWS =
                new AwsClientFactory(HTTP, Clock.systemUTC(), AwsClientFactory.DEFAULT_IDLE_TIMEOUT);
        static final ClusterConnector CLUSTERS = new ClusterConnector(AWS);
        static final ScheduledExecutorService K8S_SCHEDULER = scheduler("spark-on-eks-k8s-watch", 2);
        static final WatchMachinery K8S_WATCHES =
                WatchMachinery.of(new DriverInformerRegistry(K8S_SCHEDULER), K8S_SCHEDULER);
        static final SparkApplicationInformers SPARK_APPLICATIONS = new SparkApplicationInformers(K8S_SCHEDULER);
        static final InsightMachinery INSIGHT = new InsightMachinery(K8S_SCHEDULER);
        static final EmrWatchMachinery EMR_WATCHES = EmrWatchMachinery.create(EmrPollSettings.DEFAULT);
    }

    private static ScheduledExecutorService scheduler(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ClassLoader loader = CoreServices.class.getClassLoader();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        return s;
    }
}
