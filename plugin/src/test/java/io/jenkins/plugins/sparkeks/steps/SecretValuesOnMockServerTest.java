package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.google.common.util.concurrent.Futures;
import hudson.AbortException;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.engine.CoreJobEngines;
import io.jenkins.plugins.sparkeks.engine.JobEngine;
import io.jenkins.plugins.sparkeks.engine.JobEngineFactory;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import io.jenkins.plugins.sparkeks.secrets.SecretValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

/**
 * {@code secretConf} / {@code secretEnv} end to end on the real core Kubernetes backend against a CRUD mock API
 * server, Jenkins mocked: the values are read from secret text credentials when the engine is built, reach the
 * cluster only inside a Secret, and appear in no console line, result, exception or persisted state.
 */
@EnableKubernetesMockClient(crud = true)
class SecretValuesOnMockServerTest {

    static KubernetesClient client;

    private static final String S3_SECRET = "s3-Secret-Value-1234";
    private static final String DB_PASSWORD = "db-Password-Value-5678";
    private static final String CLEAR_ACCESS_KEY = "clear-access-key-value";
    private static final Map<String, JobEngine> PREBUILT = new ConcurrentHashMap<>();

    private record Prebuilt(String name) implements JobEngineFactory {
        @Override
        public JobEngine create(JobDefinition definition, Run<?, ?> run) {
            return PREBUILT.get(name);
        }
    }

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final StepContext context = mock(StepContext.class);

    @SuppressWarnings("rawtypes")
    private final Run run = mock(Run.class);

    private static SparkSubmitEksStep step(String namespace) {
        SparkSubmitEksStep step = KubeconfigStepHarness.sparkPi();
        step.setNamespace(namespace);
        step.setPropagate(false);
        step.setConf(List.of("spark.hadoop.fs.s3a.access.key=" + CLEAR_ACCESS_KEY));
        step.setSecretConf(List.of(new SecretValue("spark.hadoop.fs.s3a.secret.key", "s3-secret")));
        step.setSecretEnv(List.of(new SecretValue("DB_PASSWORD", "db-password")));
        return step;
    }

    /** Builds the engine as the execution would, with the credentials lookup mocked; null ids are missing. */
    @SuppressWarnings("unchecked")
    private JobEngine engine(JobDefinition definition, String... availableIds) throws Exception {
        Job<?, ?> job = mock(Job.class);
        when(job.getFullName()).thenReturn("etl/secrets");
        when(run.getParent()).thenReturn(job);
        when(run.getNumber()).thenReturn(3);
        FileCredentials kubeconfig = mock(FileCredentials.class);
        when(kubeconfig.getContent())
                .thenReturn(new ByteArrayInputStream(
                        KubernetesDriverPods.kubeconfig(client).getBytes(StandardCharsets.UTF_8)));
        List<String> available = List.of(availableIds);
        try (MockedStatic<CredentialsProvider> credentials = mockStatic(CredentialsProvider.class);
                MockedStatic<Jenkins> jenkins = mockStatic(Jenkins.class)) {
            jenkins.when(Jenkins::getInstanceOrNull).thenReturn(null);
            credentials
                    .when(() -> CredentialsProvider.findCredentialById("kubeconfig", FileCredentials.class, run))
                    .thenReturn(kubeconfig);
            for (Map.Entry<String, String> e :
                    Map.of("s3-secret", S3_SECRET, "db-password", DB_PASSWORD).entrySet()) {
                if (available.contains(e.getKey())) {
                    StringCredentials c = secretText(e.getValue());
                    credentials
                            .when(() ->
                                    CredentialsProvider.findCredentialById(e.getKey(), StringCredentials.class, run))
                            .thenReturn(c);
                }
            }
            JobEngine engine = CoreJobEngines.INSTANCE.create(definition, run);
            credentials.verify(
                    () -> CredentialsProvider.track(any(Run.class), any(StringCredentials.class)),
                    org.mockito.Mockito.times(2));
            return engine;
        }
    }

    private static StringCredentials secretText(String value) {
        Secret secret = mock(Secret.class);
        when(secret.getPlainText()).thenReturn(value);
        StringCredentials c = mock(StringCredentials.class);
        when(c.getSecret()).thenReturn(secret);
        return c;
    }

    @Test
    @SuppressWarnings("unchecked")
    void secretsAreResolvedAtRunTimeKeptInASecretAndNeverShownOrPersisted() throws Exception {
        JobDefinition definition = step("secret-run").toDefinition(SparkOnEksDefaults.NONE);
        PREBUILT.put("secret-run", engine(definition, "s3-secret", "db-password"));
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(console, true, StandardCharsets.UTF_8));
        when(context.get(Run.class)).thenReturn(run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.saveState()).thenReturn(Futures.immediateVoidFuture());
        SparkJobStepExecution execution = SparkJobStepExecutionTest.inContext(
                new SparkJobStepExecution(context, definition, new Prebuilt("secret-run")), context);

        execution.start();
        KubernetesDriverPods pods = new KubernetesDriverPods(client, "secret-run");
        await().atMost(Duration.ofSeconds(30)).until(() -> pods.drivers().size() == 1 && execution.reference() != null);
        String pod = pods.drivers().get(0).getMetadata().getName();
        // the driver fails and says why, quoting the secret: the verdict must not carry it on
        pods.terminated(pod, "Failed", 1, "Error", "login failed: password " + DB_PASSWORD + " rejected");

        ArgumentCaptor<Object> value = ArgumentCaptor.forClass(Object.class);
        verify(context, timeout(30_000)).onSuccess(value.capture());
        verify(context, never()).onFailure(any());
        Map<String, Object> result = (Map<String, Object>) value.getValue();
        assertThat(result).containsEntry("state", "FAILED");
        assertThat(result.toString()).contains("****").doesNotContain(DB_PASSWORD);

        var secrets = client.secrets().inNamespace("secret-run").list().getItems();
        assertThat(secrets)
                .singleElement()
                .satisfies(s -> assertThat(new String(
                                Base64.getDecoder().decode(s.getData().get("env.DB_PASSWORD")), StandardCharsets.UTF_8))
                        .isEqualTo(DB_PASSWORD));
        // the pod's status quotes the driver's own message; what we created is its spec and the ConfigMap
        String onCluster = Serialization.asYaml(client.pods()
                        .inNamespace("secret-run")
                        .withName(pod)
                        .get()
                        .getSpec())
                + Serialization.asYaml(
                        client.configMaps().inNamespace("secret-run").list());
        assertThat(onCluster).doesNotContain(S3_SECRET).doesNotContain(DB_PASSWORD);

        String text = console.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .doesNotContain(S3_SECRET)
                .doesNotContain(DB_PASSWORD)
                .doesNotContain(CLEAR_ACCESS_KEY)
                .contains("[spark-on-eks] Warning: conf[spark.hadoop.fs.s3a.access.key] looks sensitive but is given"
                        + " in clear, so it is stored with the job and the build; pass it as secretConf with a secret"
                        + " text credential.");
        assertThat(text.lines().filter(l -> l.contains("Warning:"))).hasSize(1);

        // what Pipeline saves of the execution (program.dat) and what the step record holds
        String persisted = new String(serialized(execution), StandardCharsets.ISO_8859_1);
        assertThat(persisted)
                .doesNotContain(S3_SECRET)
                .doesNotContain(DB_PASSWORD)
                .contains("s3-secret");
        assertThat(definition.toString()).doesNotContain(S3_SECRET).doesNotContain(DB_PASSWORD);
    }

    @Test
    void aMissingCredentialStopsTheJobBeforeAnythingIsSubmittedNamingTheEntryAndTheId() {
        JobDefinition definition = step("secret-missing").toDefinition(SparkOnEksDefaults.NONE);

        assertThatThrownBy(() -> engine(definition, "s3-secret"))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("secretEnv[DB_PASSWORD]: no StringCredentials credential with id 'db-password'"
                        + " is available to this build.");
        assertThat(client.pods().inNamespace("secret-missing").list().getItems())
                .isEmpty();
    }

    /** Java serialisation, as Pipeline writes the execution, with the (unserialisable) context left out. */
    private static byte[] serialized(SparkJobStepExecution execution) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            {
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object obj) {
                return obj instanceof StepContext ? "context" : obj;
            }
        }) {
            out.writeObject(execution);
        }
        return bytes.toByteArray();
    }
}
