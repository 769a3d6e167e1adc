package io.jenkins.plugins.sparkeks.engine;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.k8s.submit.PodToleration;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.job.PodSettings;
import io.jenkins.plugins.sparkeks.job.SparkSubmitDefinition;
import io.jenkins.plugins.sparkeks.secrets.ResolvedSecrets;
import java.util.List;
import java.util.Map;

/** Maps a {@code sparkSubmitEks} definition onto the core's {@link SparkSubmitRequest}, field by field. */
public final class SparkSubmitRequests {

    private SparkSubmitRequests() {}

    public static SparkSubmitRequest from(SparkSubmitDefinition d) {
        return from(d, ResolvedSecrets.NONE);
    }

    /** With the secret values read from their credentials for this submission. */
    public static SparkSubmitRequest from(SparkSubmitDefinition d, ResolvedSecrets secrets) {
        PodSettings p = d.pod();
        SparkSubmitRequest.Builder b = SparkSubmitRequest.builder(appName(d))
                .namespace(d.namespace())
                .image(d.image())
                .emrRelease(p.emrRelease())
                .mainClass(d.mainClass())
                .primaryResource(d.mainApplicationFile())
                .pyFiles(d.pyFiles())
                .jars(d.jars())
                .files(d.files())
                .appArgs(d.appArgs())
                .conf(d.conf())
                .driverCores(d.driverCores())
                .driverMemory(d.driverMemory())
                .driverMemoryOverhead(p.driverMemoryOverhead())
                .executorCores(d.executorCores())
                .executorMemory(d.executorMemory())
                .executorMemoryOverhead(p.executorMemoryOverhead())
                .executorInstances(d.executorInstances())
                .serviceAccount(d.serviceAccount())
                .driverPodTemplate(p.driverPodTemplate())
                .imagePullPolicy(p.imagePullPolicy())
                .sparkVersion(p.sparkVersion())
                .sparkUser(p.sparkUser());
        p.labels().forEach(b::label);
        p.annotations().forEach(b::annotation);
        p.env().forEach(b::env);
        p.nodeSelector().forEach(b::nodeSelector);
        p.imagePullSecrets().forEach(b::imagePullSecret);
        secrets.conf().forEach(b::secretConf);
        secrets.env().forEach(b::secretEnv);
        for (Map<String, String> t : p.tolerations()) {
            b.toleration(toleration(t));
        }
        return b.build();
    }

    /** As spark-submit names an application without {@code --name}: its main class, else its file's name. */
    static String appName(SparkSubmitDefinition d) {
        if (d.name() != null) {
            return d.name();
        }
        if (d.mainClass() != null) {
            return d.mainClass();
        }
        String file = d.mainApplicationFile();
        return file == null ? null : file.substring(file.lastIndexOf('/') + 1);
    }

    private static PodToleration toleration(Map<String, String> t) {
        String seconds = t.get("tolerationSeconds");
        Long parsed = null;
        if (seconds != null) {
            try {
                parsed = Long.valueOf(seconds.trim());
            } catch (NumberFormatException e) {
                throw new InvalidJobSpecException(List.of(new FieldError(
                        "tolerations[tolerationSeconds]",
                        "'" + seconds + "' is not a whole number of seconds.",
                        "Give a number such as 300, or leave it out to tolerate forever.")));
            }
        }
        return new PodToleration(
                t.get("key"), t.getOrDefault("operator", "Equal"), t.get("value"), t.get("effect"), parsed);
    }
}
