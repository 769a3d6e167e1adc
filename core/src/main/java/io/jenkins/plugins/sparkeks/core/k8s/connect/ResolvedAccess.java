package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.sparkeks.core.auth.BearerTokenSource;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;

/**
 * Everything needed to build a client for one access.
 *
 * @param tokens a token that changes over time, or null when the config's own authentication is used as is
 */
record ResolvedAccess(Config config, ClusterCoordinates coordinates, BearerTokenSource tokens) {
}
