package io.jenkins.plugins.sparkeks.job;

import java.io.Serializable;

/**
 * A Spark conf key or environment variable whose value is the text of a secret text credential, by reference:
 * the value is looked up when the job is submitted or resumed and is never stored with the build.
 *
 * @param key           the conf key or environment variable name
 * @param credentialsId id of a secret text credential
 */
public record SecretRef(String key, String credentialsId) implements Serializable {}
