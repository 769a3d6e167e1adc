/**
 * STS: caller identities and role sessions over the query protocol. Internal to the emulator: use {@link io.jenkins.plugins.sparkeks.emulator.AwsEmulator}.
 */
package io.jenkins.plugins.sparkeks.emulator.sts;
