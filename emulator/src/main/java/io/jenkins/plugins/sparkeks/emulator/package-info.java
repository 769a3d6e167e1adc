/**
 * A local AWS emulator for EMR on EKS tests and demos. Start with {@link io.jenkins.plugins.sparkeks.emulator.AwsEmulator}.
 */
package io.jenkins.plugins.sparkeks.emulator;
