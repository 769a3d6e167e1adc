package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.jenkins.plugins.sparkeks.core.k8s.logs.LogFollowPolicy;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every driver pod watch of a process shares: the informer registry, one scheduler for timeouts,
 * reconnects and the few remote calls a watch makes (deletes), and how logs are re-requested.
 */
public record WatchMachinery(DriverInformerRegistry informers, ScheduledExecutorService scheduler, LogFollowPolicy logPolicy) {

    public WatchMachinery {
        Objects.requireNonNull(informers, "informers");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(logPolicy, "logPolicy");
    }

    public static WatchMachinery of(DriverInformerRegistry informers, ScheduledExecutorService scheduler) {
        return new WatchMachinery(informers, scheduler, LogFollowPolicy.DEFAULT);
    }
}
