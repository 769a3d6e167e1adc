package io.jenkins.plugins.sparkeks.core.k8s.submit;

import io.jenkins.plugins.sparkeks.core.job.SpecFingerprint;
import java.util.Set;

/** The spec fingerprint of a Kubernetes submission: everything asked for, secret values excluded. */
public final class RequestFingerprints {

    private static final Set<String> SECRET_COMPONENTS = Set.of("secretConf", "secretEnv");

    private RequestFingerprints() {}

    public static SpecFingerprint of(SparkSubmitRequest request) {
        return SpecFingerprint.of(request, SECRET_COMPONENTS, SensitiveKeys::isSensitive);
    }
}
