package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import java.util.Objects;

/**
 * The one Kubernetes object a watch follows, as every message names it.
 *
 * @param noun      what users call it, e.g. {@code driver pod} or {@code SparkApplication}
 * @param displayId the job reference's short id
 * @param cluster   where it lives
 * @param namespace its namespace
 * @param name      its name
 * @param uid       the uid of the object this job created; null when unknown (a replacement cannot be told apart)
 */
public record WatchedObject(String noun, String displayId, ClusterCoordinates cluster, String namespace, String name, String uid) {

    public WatchedObject {
        Objects.requireNonNull(noun, "noun");
        Objects.requireNonNull(displayId, "displayId");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** The noun at the start of a sentence. */
    String capitalNoun() {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }
}
