package io.jenkins.plugins.sparkeks.sandbox;

/** One driver pod's life under the sandbox's kubelet, scripted or real. */
interface DriverRun {

    /** The pod was deleted or the sandbox closes: end the driver now. */
    void stop();
}
