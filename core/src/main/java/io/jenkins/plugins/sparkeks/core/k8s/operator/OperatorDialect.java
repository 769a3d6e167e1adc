package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodStatus;

/**
 * What differs between the two operators once their SparkApplication exists: where its status lives and how its
 * states are judged. Everything else (informers, timeouts, logs, cancel, retention) is shared.
 */
interface OperatorDialect {

    OperatorApi api();

    /** The parts every mode reports: state, message, driver pod, uid, creation time. */
    ApplicationStatus status(GenericKubernetesResource app);

    ApplicationVerdict judge(GenericKubernetesResource app);

    /** The driver pod status the operator recorded, for when the pod itself is already gone; null when none. */
    PodStatus recordedDriver(GenericKubernetesResource app);

    static OperatorDialect of(OperatorApi api) {
        return api.kind() == OperatorKind.APACHE ? new Apache(api) : new Kubeflow(api);
    }

    /** {@code status.applicationState.state}; the driver pod is named in {@code status.driverInfo}. */
    record Kubeflow(OperatorApi api) implements OperatorDialect {
        @Override
        public ApplicationStatus status(GenericKubernetesResource app) {
            return ApplicationStatus.of(app);
        }

        @Override
        public ApplicationVerdict judge(GenericKubernetesResource app) {
            return ApplicationVerdict.judge(ApplicationStatus.of(app));
        }

        @Override
        public PodStatus recordedDriver(GenericKubernetesResource app) {
            return null;
        }
    }

    /** {@code status.currentState} with its history; the last driver status is kept in the state. */
    record Apache(OperatorApi api) implements OperatorDialect {
        @Override
        public ApplicationStatus status(GenericKubernetesResource app) {
            return ApplicationStatus.ofApache(app, ApacheStatus.of(app));
        }

        @Override
        public ApplicationVerdict judge(GenericKubernetesResource app) {
            return ApacheVerdict.judge(ApacheStatus.of(app));
        }

        @Override
        public PodStatus recordedDriver(GenericKubernetesResource app) {
            return ApacheStatus.of(app).driverStatus();
        }
    }
}
