package io.jenkins.plugins.sparkeks.sandbox;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What listens in each driver pod, as the API server's proxy would reach it: a container port of a pod mapped to
 * the loopback port where the real driver serves it. Only real drivers listen; scripted ones never do.
 */
final class DriverEndpoints {

    private final Map<String, Map<Integer, Integer>> listening = new ConcurrentHashMap<>();

    /** The driver in {@code namespace/pod} serves its {@code containerPort} on loopback {@code localPort}. */
    void listen(String namespace, String pod, int containerPort, int localPort) {
        listening.computeIfAbsent(key(namespace, pod), k -> new ConcurrentHashMap<>()).put(containerPort, localPort);
    }

    /** The driver ended or its pod went: nothing listens there any more. */
    void close(String namespace, String pod) {
        listening.remove(key(namespace, pod));
    }

    OptionalInt localPort(String namespace, String pod, int containerPort) {
        Integer port = listening.getOrDefault(key(namespace, pod), Map.of()).get(containerPort);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    private static String key(String namespace, String pod) {
        return namespace + "/" + pod;
    }
}
