package io.jenkins.plugins.sparkeks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobRunRequestTest {
    @Test
    void toStringLeavesOutEverythingThatMayCarrySecrets() {
        JobRunRequest request = new JobRunRequest("vc1", "pi", "tok", "arn:aws:iam::111122223333:role/r",
                "emr-7.2.0-latest", "s3://b/app.py", List.of("--password=hunter2"),
                "--conf spark.hadoop.fs.s3a.secret.key=SECRETVALUE", Optional.of("/emr"), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), "{\"sparkSubmitParameters\":\"SECRETVALUE\"}");

        assertThat(request.toString()).contains("vc1", "pi", "s3://b/app.py")
                .doesNotContain("SECRETVALUE", "hunter2");
        assertThat(new StartedJobRun("id", request, JobScript.builder().build(), AwsEmulator.DEFAULT_START)
                .toString()).doesNotContain("SECRETVALUE", "hunter2");
    }
}
