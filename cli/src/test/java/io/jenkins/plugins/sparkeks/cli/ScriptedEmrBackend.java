package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;

/**
 * A test double of an engine for the command's own behaviour (exit codes, output, Ctrl-C): each job plays the
 * scripted end state on a separate thread, as the core's shared threads would. Jobs scripted to {@code null}
 * keep running until cancelled.
 */
final class ScriptedEmrBackend implements SparkJobBackend<EmrJobRequest> {

    private final JobState end;
    private final List<String> lines;
    final List<EmrJobRequest> submitted = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<JobResult>> running = new ConcurrentHashMap<>();

    ScriptedEmrBackend(JobState end, List<String> lines) {
        this.end = end;
        this.lines = lines;
    }

    @Override
    public Backend backend() {
        return Backend.EMR_ON_EKS;
    }

    @Override
    public void validate(EmrJobRequest spec) {
        new Validation().check(spec.name() != null, "name", "is missing.", "Pass --name.").throwIfInvalid();
    }

    @Override
    public JobReference submit(EmrJobRequest spec, SubmissionKey key, JobObserver observer) {
        validate(spec);
        submitted.add(spec);
        calls.add("submit");
        EmrJobRunReference ref = new EmrJobRunReference("us-east-1", "vc1", "jr" + submitted.size(), spec.name(),
                Instant.parse("2026-01-01T00:00:00Z"), "emr", null, LogCursor.START);
        observer.submitted(ref);
        return ref;
    }

    @Override
    public JobWatch watch(JobReference reference, WaitOptions options, JobObserver observer) {
        calls.add("watch");
        CompletableFuture<JobResult> result = running.computeIfAbsent(id(reference), k -> new CompletableFuture<>());
        if (end != null) {
            Thread t = new Thread(() -> {
                observer.stateChanged(JobState.RUNNING, "driver running");
                if (options.followLogs()) {
                    lines.forEach(l -> observer.log(new LogLine("cloudwatch:stdout", Instant.now(), l)));
                }
                result.complete(verdict(reference, end));
            });
            t.start();
        }
        return new JobWatch() {
            @Override
            public JobReference reference() {
                return reference.withLogCursor(new LogCursor(Map.of("cloudwatch:stdout", "f/" + lines.size())));
            }

            @Override
            public CompletableFuture<JobResult> result() {
                return result;
            }

            @Override
            public String status() {
                return "job run " + reference.displayId();
            }

            @Override
            public CompletableFuture<JobResult> cancel(String why) {
                calls.add("cancel:" + why);
                result.complete(verdict(reference, JobState.CANCELLED));
                return result;
            }

            @Override
            public void detach() {
                calls.add("detach");
            }
        };
    }

    @Override
    public JobResult describe(JobReference reference) {
        calls.add("describe");
        return verdict(reference, JobState.RUNNING);
    }

    @Override
    public JobResult cancel(JobReference reference, Duration gracePeriod) {
        calls.add("cancel-by-reference");
        return verdict(reference, JobState.CANCELLED);
    }

    private static String id(JobReference r) {
        return r.displayId();
    }

    private JobResult verdict(JobReference reference, JobState state) {
        EmrJobRunReference r = (EmrJobRunReference) reference;
        JobResult.Builder b = JobResult.builder(Backend.EMR_ON_EKS, state).jobRunId(r.jobRunId())
                .virtualClusterId(r.virtualClusterId()).nativeState(state == JobState.SUCCEEDED ? "COMPLETED" : state.name());
        if (state == JobState.FAILED) {
            b.reason("USER_ERROR").message("Driver exited with code 1").explanation(new ArrayList<>(lines));
        }
        if (state == JobState.TIMED_OUT) {
            b.reason("RunTimeout");
        }
        return b.build();
    }
}
