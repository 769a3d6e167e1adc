package io.jenkins.plugins.sparkeks.core.emr;

import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiter;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiters;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An emulator with one running virtual cluster, SDK clients pointed at it (standard retries, short delays) and
 * an EMR backend on fast shared machinery. Closing it closes everything.
 */
final class EmulatedAws implements AutoCloseable {
    static final String VC = "vc1";
    static final String ROLE = "arn:aws:iam::111122223333:role/emr-job";

    final AwsEmulator aws;
    final EmrContainersClient emr;
    final CloudWatchLogsClient logs;
    final S3Client s3;
    final ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(2);

    EmulatedAws() {
        aws = AwsEmulator.start();
        aws.virtualCluster(VirtualCluster.running(VC, "analytics", "eks-prod", "spark"));
        emr = configure(EmrContainersClient.builder()).build();
        logs = configure(CloudWatchLogsClient.builder()).build();
        s3 = configure(S3Client.builder()).forcePathStyle(true).build();
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B b) {
        RetryStrategy retries = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                .throttlingBackoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                .circuitBreakerEnabled(false)
                .build();
        return b.endpointOverride(aws.endpoint()).region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(retries));
    }

    /** New machinery (as a fresh process would have) on the emulator's clock. */
    EmrWatchMachinery machinery(EmrPollSettings settings) {
        return new EmrWatchMachinery(scheduler, settings, new CloudWatchRateLimiters(EmulatedAws::generousLimiter), aws.clock());
    }

    EmrBackend backend(EmrWatchMachinery machinery) {
        return backend(machinery, logs, s3);
    }

    EmrBackend backend(EmrWatchMachinery machinery, CloudWatchLogsClient logsClient, S3Client s3Client) {
        return new EmrBackend(aws.region(), emr, logsClient, s3Client, machinery.rateLimiter(aws.accountId(), aws.region()),
                machinery);
    }

    static CloudWatchRateLimiter generousLimiter() {
        Map<CloudWatchRateLimiter.Operation, Double> rates = new EnumMap<>(CloudWatchRateLimiter.Operation.class);
        for (CloudWatchRateLimiter.Operation op : CloudWatchRateLimiter.Operation.values()) {
            rates.put(op, 1000.0);
        }
        // throttling pauses as short as the fast poll settings' backoff, so fault tests stay quick
        return new CloudWatchRateLimiter(rates, System::nanoTime, Duration.ofMillis(20), Duration.ofMillis(200));
    }

    /**
     * Moves the emulator's clock by {@code step} each time the engine has looked (a ListJobRuns arrived since the
     * last step, or 200 ms passed), until {@code done}: the engine sees every state however slowly this machine
     * runs, and the wait stays bounded.
     */
    void advanceUntil(BooleanSupplier done, Duration step) {
        advanceUntil(done, step, true);
    }

    /** As above; without {@code timeFallback} the clock moves only when the engine has looked (for call counts). */
    void advanceUntil(BooleanSupplier done, Duration step, boolean timeFallback) {
        long[] seen = {-1, System.nanoTime()};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> {
            if (done.getAsBoolean()) {
                return true;
            }
            long looks = aws.calls(Operation.LIST_JOB_RUNS);
            if (looks > seen[0] || (timeFallback && System.nanoTime() - seen[1] > 200_000_000L)) {
                seen[0] = looks;
                seen[1] = System.nanoTime();
                aws.advance(step);
            }
            return false;
        });
    }

    void advanceUntilDone(Future<?> f) {
        advanceUntil(f::isDone, Duration.ofSeconds(1));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        emr.close();
        logs.close();
        s3.close();
        aws.close();
    }
}
