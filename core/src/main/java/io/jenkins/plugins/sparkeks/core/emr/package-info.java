/**
 * EMR on EKS behind the shared job vocabulary ({@link io.jenkins.plugins.sparkeks.core.job.SparkJobBackend}).
 *
 * <p>One {@link io.jenkins.plugins.sparkeks.core.emr.EmrWatchMachinery} per process holds the scheduler, one
 * job run poller per virtual cluster (one ListJobRuns round per tick for every watched run, DescribeJobRun only
 * on a change) and one CloudWatch poller per log group under a per-account read budget. Backends are cheap and
 * share it:
 *
 * <pre>{@code
 * EmrWatchMachinery machinery = EmrWatchMachinery.create(EmrPollSettings.DEFAULT);   // once per process
 * EmrBackend emr = EmrBackend.create(awsClientFactory, awsSettings, machinery);
 * EmrJobRequest request = EmrJobRequest.builder().name("nightly").virtualClusterId("abc123")
 *         .executionRoleArn("arn:aws:iam::111122223333:role/emr-job").releaseLabel("emr-7.5.0-latest")
 *         .sparkSubmit("s3://bucket/app.jar", List.of("2026-01-01"), "--class org.example.Main")
 *         .cloudWatchLogs("/emr/jobs", "ci").s3Logs("s3://bucket/logs/").build();
 * EmrJobRunReference ref = emr.submit(request, new SubmissionKey(buildId), observer);  // persist ref now
 * JobWatch watch = emr.watch(ref, WaitOptions.DEFAULT.withRunTimeout(Duration.ofHours(2)), observer);
 * JobResult result = watch.result().join();   // or watch.cancel("aborted") / watch.detach()
 * }</pre>
 *
 * <p>The same {@code SubmissionKey} always sends the same StartJobRun client token, so a retried or resumed
 * submit finds the run it already started. {@code watch(savedReference, ...)} in a new process continues the
 * log after the reference's cursor. With {@link io.jenkins.plugins.sparkeks.core.emr.EmrBackend#withDriverPodLogs}
 * the driver pod's log is read first; {@link io.jenkins.plugins.sparkeks.core.emr.AckJobRunSubmitter} starts runs
 * through the ACK JobRun resource instead of the EMR API, and {@link io.jenkins.plugins.sparkeks.core.emr.AckJobRuns}
 * follows them under the submission records Kubernetes jobs keep (one key, one run).
 * {@link io.jenkins.plugins.sparkeks.core.emr.AckEmrBackend} puts ACK submission behind the backend contract
 * (the steps' {@code submitThrough: 'ack'}): JobRun in the virtual cluster's namespace, then follow, resume and
 * cancel through the EMR API.
 */
package io.jenkins.plugins.sparkeks.core.emr;
