/**
 * EKS: DescribeCluster for registered clusters. Internal to the emulator: use {@link io.jenkins.plugins.sparkeks.emulator.AwsEmulator}.
 */
package io.jenkins.plugins.sparkeks.emulator.eks;
