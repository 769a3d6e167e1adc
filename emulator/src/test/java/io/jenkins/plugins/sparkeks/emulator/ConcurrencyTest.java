package io.jenkins.plugins.sparkeks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.emrcontainers.model.JobRunState;

class ConcurrencyTest {
    @Test
    void parallelCallersWhileTimeMovesSeeConsistentStatesAndAreAllCounted() throws Exception {
        try (AwsEmulator aws = AwsEmulator.start()
                .virtualCluster(VirtualCluster.running("vc1", "analytics", "eks-prod", "spark"));
             EmrContainersClient emr = Sdk.emr(aws)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                ids.add(emr.startJobRun(r -> r.virtualClusterId("vc1").name("job-" + n).clientToken("t" + n)
                        .executionRoleArn("arn:aws:iam::111122223333:role/job").releaseLabel("emr-7.2.0-latest")
                        .jobDriver(d -> d.sparkSubmitJobDriver(s -> s.entryPoint("s3://b/app.py")))).id());
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<JobRunState>>> seen = new ArrayList<>();
                for (String id : ids) {
                    seen.add(pool.submit(() -> {
                        List<JobRunState> states = new ArrayList<>();
                        for (int i = 0; i < 20; i++) {
                            states.add(emr.describeJobRun(r -> r.virtualClusterId("vc1").id(id)).jobRun().state());
                            aws.advance(Duration.ofMillis(500));
                        }
                        return states;
                    }));
                }
                for (Future<List<JobRunState>> f : seen) {
                    List<JobRunState> states = f.get(60, TimeUnit.SECONDS);
                    // time only moves forward, so no caller may ever see a job go back to an earlier state
                    assertThat(states).isSortedAccordingTo((a, b) -> Integer.compare(rank(a), rank(b)));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(aws.calls(Operation.DESCRIBE_JOB_RUN)).isEqualTo(80);
        }
    }

    private static int rank(JobRunState state) {
        return List.of(JobRunState.PENDING, JobRunState.SUBMITTED, JobRunState.RUNNING, JobRunState.COMPLETED)
                .indexOf(state);
    }
}
