/**
 * EMR on EKS (emr-containers): virtual clusters, scripted job runs and where their driver output goes. Internal to the emulator: use {@link io.jenkins.plugins.sparkeks.emulator.AwsEmulator}.
 */
package io.jenkins.plugins.sparkeks.emulator.emr;
