/**
 * S3: the object store and its path-style read operations. Internal to the emulator: use {@link io.jenkins.plugins.sparkeks.emulator.AwsEmulator}.
 */
package io.jenkins.plugins.sparkeks.emulator.s3;
