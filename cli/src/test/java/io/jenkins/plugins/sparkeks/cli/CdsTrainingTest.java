package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The class-data sharing archive is only as good as its training: it must make a whole submission. */
class CdsTrainingTest {

    @Test
    void trainingSubmitsADriverPodWithItsConfigMapAndServiceInBothOutputs() throws Exception {
        try (TrainingApiServer api = new TrainingApiServer()) {
            assertThat(CdsTraining.run(api)).isTrue();
            assertThat(api.requests()).filteredOn(r -> r.equals("POST /api/v1/namespaces/training/pods")).hasSize(2);
            assertThat(api.requests()).contains("POST /api/v1/namespaces/training/configmaps",
                    "POST /api/v1/namespaces/training/services");
        }
    }
}
