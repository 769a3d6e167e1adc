package io.jenkins.plugins.sparkeks.engine;

import hudson.model.Run;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.emr.EmrBackend;
import io.jenkins.plugins.sparkeks.core.k8s.KubernetesBackend;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnection;
import io.jenkins.plugins.sparkeks.core.k8s.operator.SparkOperatorBackend;
import io.jenkins.plugins.sparkeks.credentials.AwsAccessResolver;
import io.jenkins.plugins.sparkeks.credentials.ClusterAccessResolver;
import io.jenkins.plugins.sparkeks.job.EmrJobDefinition;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import io.jenkins.plugins.sparkeks.job.SparkSubmitDefinition;
import io.jenkins.plugins.sparkeks.secrets.ClearTextWarnings;
import io.jenkins.plugins.sparkeks.secrets.ResolvedSecrets;
import io.jenkins.plugins.sparkeks.secrets.SecretResolver;
import io.jenkins.plugins.sparkeks.secrets.ValueMask;
import java.io.IOException;

/**
 * Builds {@link JobEngine}s on the core backends: the request from the definition, the credentials from
 * the build, the clients and watch machinery from the controller-wide {@link CoreServices}.
 */
public enum CoreJobEngines implements JobEngineFactory {
    INSTANCE;

    // One default chain for the controller: equal settings across builds then share clients and informers.
    private final AwsAccessResolver aws = new AwsAccessResolver();

    /**
     * Secret values are read first, so a missing credential stops the job before anything is sent anywhere; the
     * engine is then guarded so that none of them reaches the console, the result or an exception.
     */
    @Override
    public JobEngine create(JobDefinition definition, Run<?, ?> run) throws IOException {
        ResolvedSecrets secrets = SecretResolver.resolve(definition.secrets(), run);
        return new GuardedJobEngine(
                create(definition, secrets, run), ValueMask.of(secrets.values()), ClearTextWarnings.of(definition));
    }

    private JobEngine create(JobDefinition definition, ResolvedSecrets secrets, Run<?, ?> run) throws IOException {
        CoreServices.useProxy(ControllerProxy.read());
        if (definition instanceof SparkSubmitDefinition s) {
            ClusterConnection cluster =
                    CoreServices.clusters().connect(new ClusterAccessResolver(aws).access(s.target(), run));
            if (s.sparkOperator()) {
                SparkOperatorBackend operator = new SparkOperatorBackend(
                        cluster.client(),
                        cluster.coordinates(),
                        CoreServices.sparkApplicationInformers(),
                        CoreServices.kubernetesWatches(),
                        s.mode());
                return JobEngine.of(operator, SparkSubmitRequests.from(s, secrets));
            }
            KubernetesBackend backend =
                    new KubernetesBackend(cluster.client(), cluster.coordinates(), CoreServices.kubernetesWatches());
            return JobEngine.of(backend, SparkSubmitRequests.from(s, secrets));
        }
        EmrJobDefinition e = (EmrJobDefinition) definition;
        AwsSettings settings = aws.settings(e.aws(), run);
        return JobEngine.of(
                EmrBackend.create(CoreServices.aws(), settings, CoreServices.emrWatches()),
                EmrJobRequests.from(e, secrets));
    }
}
