package io.jenkins.plugins.sparkeks.steps;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import io.jenkins.plugins.sparkeks.core.k8s.operator.SubmissionMode;
import io.jenkins.plugins.sparkeks.credentials.CredentialsForms;
import io.jenkins.plugins.sparkeks.job.AwsTarget;
import io.jenkins.plugins.sparkeks.job.DurationText;
import io.jenkins.plugins.sparkeks.job.KubernetesTarget;
import io.jenkins.plugins.sparkeks.job.PodSettings;
import io.jenkins.plugins.sparkeks.job.SecretRefs;
import io.jenkins.plugins.sparkeks.job.SparkSubmitDefinition;
import io.jenkins.plugins.sparkeks.job.WaitSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code sparkSubmitEks}: runs a Spark application on EKS or any Kubernetes cluster as
 * {@code spark-submit --deploy-mode cluster} would (no Spark on the agent), or as a SparkApplication for the
 * Spark Operator, and holds the build until the driver is done.
 */
public class SparkSubmitEksStep extends SparkJobStep {

    static final String MODE_SUBMIT = SubmissionMode.SUBMIT.value();
    static final String MODE_OPERATOR = SubmissionMode.OPERATOR.value();

    private String clusterName;
    private String serverUrl;
    private String kubeconfigCredentialsId;
    private String tokenCredentialsId;
    private String mode;
    private String name;
    private String mainClass;
    private String mainApplicationFile;
    private List<String> appArgs;
    private List<String> conf;
    private List<String> jars;
    private List<String> files;
    private List<String> pyFiles;
    private String namespace;
    private String serviceAccount;
    private String image;
    private Integer driverCores;
    private String driverMemory;
    private Integer executorInstances;
    private Integer executorCores;
    private String executorMemory;
    private String retention;
    private String stallGracePeriod;
    private String emrRelease;
    private String driverMemoryOverhead;
    private String executorMemoryOverhead;
    private List<String> labels;
    private List<String> annotations;
    private List<String> env;
    private String driverPodTemplate;
    private List<String> nodeSelector;
    private List<Toleration> tolerations;
    private String imagePullPolicy;
    private List<String> imagePullSecrets;
    private String sparkVersion;
    private String sparkUser;

    @DataBoundConstructor
    public SparkSubmitEksStep() {}

    @Override
    public SparkSubmitDefinition toDefinition(SparkOnEksDefaults d) {
        Validation v = new Validation();
        SubmissionMode submissionMode = submissionMode(v);
        AwsTarget aws = awsTarget(d);
        // a cluster given explicitly on the step wins over the global EKS cluster
        boolean explicitNonEks = serverUrl != null || kubeconfigCredentialsId != null;
        String cluster = clusterName != null
                ? clusterName
                : explicitNonEks ? null : SparkOnEksDefaults.pick(null, d.clusterName());
        KubernetesTarget target =
                new KubernetesTarget(aws, cluster, serverUrl, kubeconfigCredentialsId, tokenCredentialsId);
        if (cluster == null && serverUrl == null && kubeconfigCredentialsId == null) {
            v.error(
                    "clusterName",
                    "no cluster is given.",
                    "Set clusterName (EKS), kubeconfigCredentialsId, or serverUrl with tokenCredentialsId, here or in the global configuration.");
        }
        if (cluster != null && aws.region() == null) {
            v.error(
                    "region",
                    "is missing for EKS cluster " + cluster + ".",
                    "Set region here or in the global configuration.");
        }
        if (serverUrl != null && cluster == null && kubeconfigCredentialsId == null && tokenCredentialsId == null) {
            v.error(
                    "tokenCredentialsId",
                    "is missing for serverUrl " + serverUrl + ".",
                    "Give a secret text credential holding a bearer token.");
        }
        if (mainApplicationFile == null) {
            v.error(
                    "mainApplicationFile",
                    "is missing.",
                    "Give the application, e.g. local:///opt/spark/examples/jars/app.jar.");
        }
        WaitSettings wait = waitSettings(retention(retention, v), v)
                .withStallGracePeriod(DurationText.parse(stallGracePeriod, "stallGracePeriod", v));
        Map<String, String> sparkConf = KeyValueEntries.parse("conf", conf, v);
        PodSettings pod = new PodSettings(
                emrRelease,
                driverMemoryOverhead,
                executorMemoryOverhead,
                KeyValueEntries.parse("labels", labels, v),
                KeyValueEntries.parse("annotations", annotations, v),
                KeyValueEntries.parse("env", env, v),
                driverPodTemplate,
                KeyValueEntries.parse("nodeSelector", nodeSelector, v),
                tolerationMaps(v),
                imagePullPolicy,
                imagePullSecrets,
                sparkVersion,
                sparkUser);
        SecretRefs secrets = secretRefs(v);
        v.throwIfInvalid();
        return new SparkSubmitDefinition(
                target,
                submissionMode.usesOperator(),
                submissionMode,
                name,
                mainClass,
                mainApplicationFile,
                appArgs,
                sparkConf,
                jars,
                files,
                pyFiles,
                // as spark-submit, a namespace in conf counts; the global or 'default' only applies without it
                namespace == null && sparkConf != null && sparkConf.containsKey("spark.kubernetes.namespace")
                        ? null
                        : SparkOnEksDefaults.pick(namespace, d.namespace() == null ? "default" : d.namespace()),
                SparkOnEksDefaults.pick(serviceAccount, d.serviceAccount()),
                SparkOnEksDefaults.pick(image, d.image()),
                driverCores,
                driverMemory,
                executorInstances,
                executorCores,
                executorMemory,
                pod,
                wait,
                secrets);
    }

    private List<Map<String, String>> tolerationMaps(Validation v) {
        List<Map<String, String>> out = new ArrayList<>();
        if (tolerations != null) {
            for (int i = 0; i < tolerations.size(); i++) {
                Toleration t = tolerations.get(i);
                if (t == null) {
                    v.error(
                            "tolerations",
                            "toleration " + (i + 1) + " is null.",
                            "Give a map such as [key: 'spot', operator: 'Exists'], or leave it out.");
                    continue;
                }
                t.validate(i + 1, v);
                out.add(t.toMap());
            }
        }
        return out;
    }

    private SubmissionMode submissionMode(Validation v) {
        SubmissionMode m = SubmissionMode.parse(mode);
        if (m == null) {
            FieldError e = SubmissionMode.error("mode", mode);
            v.error(e.field(), e.problem(), e.fix());
            return SubmissionMode.SUBMIT;
        }
        return m;
    }

    public String getClusterName() {
        return clusterName;
    }

    public String getServerUrl() {
        return serverUrl;
    }

    public String getKubeconfigCredentialsId() {
        return kubeconfigCredentialsId;
    }

    public String getTokenCredentialsId() {
        return tokenCredentialsId;
    }

    public String getMode() {
        return mode;
    }

    public String getName() {
        return name;
    }

    public String getMainClass() {
        return mainClass;
    }

    public String getMainApplicationFile() {
        return mainApplicationFile;
    }

    public List<String> getAppArgs() {
        return appArgs;
    }

    public List<String> getConf() {
        return conf;
    }

    public List<String> getJars() {
        return jars;
    }

    public List<String> getFiles() {
        return files;
    }

    public List<String> getPyFiles() {
        return pyFiles;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getServiceAccount() {
        return serviceAccount;
    }

    public String getImage() {
        return image;
    }

    public Integer getDriverCores() {
        return driverCores;
    }

    public String getDriverMemory() {
        return driverMemory;
    }

    public Integer getExecutorInstances() {
        return executorInstances;
    }

    public Integer getExecutorCores() {
        return executorCores;
    }

    public String getExecutorMemory() {
        return executorMemory;
    }

    public String getRetention() {
        return retention;
    }

    public String getStallGracePeriod() {
        return stallGracePeriod;
    }

    public String getEmrRelease() {
        return emrRelease;
    }

    public String getDriverMemoryOverhead() {
        return driverMemoryOverhead;
    }

    public String getExecutorMemoryOverhead() {
        return executorMemoryOverhead;
    }

    public List<String> getLabels() {
        return labels;
    }

    public List<String> getAnnotations() {
        return annotations;
    }

    public List<String> getEnv() {
        return env;
    }

    public String getDriverPodTemplate() {
        return driverPodTemplate;
    }

    public List<String> getNodeSelector() {
        return nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public String getImagePullPolicy() {
        return imagePullPolicy;
    }

    public List<String> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public String getSparkVersion() {
        return sparkVersion;
    }

    public String getSparkUser() {
        return sparkUser;
    }

    @DataBoundSetter
    public void setClusterName(String v) {
        this.clusterName = StepValues.text(v);
    }

    @DataBoundSetter
    public void setServerUrl(String v) {
        this.serverUrl = StepValues.text(v);
    }

    @DataBoundSetter
    public void setKubeconfigCredentialsId(String v) {
        this.kubeconfigCredentialsId = StepValues.text(v);
    }

    @DataBoundSetter
    public void setTokenCredentialsId(String v) {
        this.tokenCredentialsId = StepValues.text(v);
    }

    @DataBoundSetter
    public void setMode(String v) {
        String m = StepValues.text(v);
        this.mode = m == null || m.equalsIgnoreCase(MODE_SUBMIT) ? null : m.toLowerCase(Locale.ROOT);
    }

    @DataBoundSetter
    public void setName(String v) {
        this.name = StepValues.text(v);
    }

    @DataBoundSetter
    public void setMainClass(String v) {
        this.mainClass = StepValues.text(v);
    }

    @DataBoundSetter
    public void setMainApplicationFile(String v) {
        this.mainApplicationFile = StepValues.text(v);
    }

    @DataBoundSetter
    public void setAppArgs(List<String> v) {
        this.appArgs = StepValues.list(v);
    }

    @DataBoundSetter
    public void setConf(List<String> v) {
        this.conf = StepValues.list(v);
    }

    @DataBoundSetter
    public void setJars(List<String> v) {
        this.jars = StepValues.list(v);
    }

    @DataBoundSetter
    public void setFiles(List<String> v) {
        this.files = StepValues.list(v);
    }

    @DataBoundSetter
    public void setPyFiles(List<String> v) {
        this.pyFiles = StepValues.list(v);
    }

    @DataBoundSetter
    public void setNamespace(String v) {
        this.namespace = StepValues.text(v);
    }

    @DataBoundSetter
    public void setServiceAccount(String v) {
        this.serviceAccount = StepValues.text(v);
    }

    @DataBoundSetter
    public void setImage(String v) {
        this.image = StepValues.text(v);
    }

    @DataBoundSetter
    public void setDriverCores(Integer v) {
        this.driverCores = v;
    }

    @DataBoundSetter
    public void setDriverMemory(String v) {
        this.driverMemory = StepValues.text(v);
    }

    @DataBoundSetter
    public void setExecutorInstances(Integer v) {
        this.executorInstances = v;
    }

    @DataBoundSetter
    public void setExecutorCores(Integer v) {
        this.executorCores = v;
    }

    @DataBoundSetter
    public void setExecutorMemory(String v) {
        this.executorMemory = StepValues.text(v);
    }

    @DataBoundSetter
    public void setStallGracePeriod(String v) {
        this.stallGracePeriod = StepValues.text(v);
    }

    @DataBoundSetter
    public void setRetention(String v) {
        String r = StepValues.text(v);
        this.retention = r == null ? null : r.toLowerCase(Locale.ROOT);
    }

    @DataBoundSetter
    public void setEmrRelease(String v) {
        this.emrRelease = StepValues.text(v);
    }

    @DataBoundSetter
    public void setDriverMemoryOverhead(String v) {
        this.driverMemoryOverhead = StepValues.text(v);
    }

    @DataBoundSetter
    public void setExecutorMemoryOverhead(String v) {
        this.executorMemoryOverhead = StepValues.text(v);
    }

    @DataBoundSetter
    public void setLabels(List<String> v) {
        this.labels = StepValues.list(v);
    }

    @DataBoundSetter
    public void setAnnotations(List<String> v) {
        this.annotations = StepValues.list(v);
    }

    @DataBoundSetter
    public void setEnv(List<String> v) {
        this.env = StepValues.list(v);
    }

    @DataBoundSetter
    public void setDriverPodTemplate(String v) {
        this.driverPodTemplate = StepValues.text(v);
    }

    @DataBoundSetter
    public void setNodeSelector(List<String> v) {
        this.nodeSelector = StepValues.list(v);
    }

    @DataBoundSetter
    public void setTolerations(List<Toleration> v) {
        this.tolerations = StepValues.copy(v);
    }

    @DataBoundSetter
    public void setImagePullPolicy(String v) {
        this.imagePullPolicy = StepValues.text(v);
    }

    @DataBoundSetter
    public void setImagePullSecrets(List<String> v) {
        this.imagePullSecrets = StepValues.list(v);
    }

    @DataBoundSetter
    public void setSparkVersion(String v) {
        this.sparkVersion = StepValues.text(v);
    }

    @DataBoundSetter
    public void setSparkUser(String v) {
        this.sparkUser = StepValues.text(v);
    }

    @Extension
    public static class DescriptorImpl extends SparkJobStepDescriptor {

        public DescriptorImpl() {
            super(SparkSubmitEksStep.class);
        }

        @Override
        public String getFunctionName() {
            return "sparkSubmitEks";
        }

        @Override
        public String getDisplayName() {
            return "Run a Spark application on EKS / Kubernetes";
        }

        @POST
        public ListBoxModel doFillKubeconfigCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String kubeconfigCredentialsId) {
            return CredentialsForms.list(item, kubeconfigCredentialsId, FileCredentials.class);
        }

        @POST
        public ListBoxModel doFillTokenCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String tokenCredentialsId) {
            return CredentialsForms.list(item, tokenCredentialsId, StringCredentials.class);
        }

        @POST
        public ListBoxModel doFillModeItems(@AncestorInPath Item item) {
            ListBoxModel m = new ListBoxModel();
            m.add("Driver pod (spark-submit cluster mode)", MODE_SUBMIT);
            m.add("SparkApplication for the operator the cluster has", MODE_OPERATOR);
            m.add("SparkApplication for the Kubeflow Spark Operator", SubmissionMode.OPERATOR_KUBEFLOW.value());
            m.add("SparkApplication for the Apache Spark Kubernetes Operator", SubmissionMode.OPERATOR_APACHE.value());
            return m;
        }

        @POST
        public ListBoxModel doFillRetentionItems(@AncestorInPath Item item) {
            ListBoxModel m = new ListBoxModel();
            m.add(
                    "Keep the driver pod after a failure",
                    Retention.KEEP_ON_FAILURE.name().toLowerCase(Locale.ROOT));
            m.add("Delete the driver pod", Retention.DELETE.name().toLowerCase(Locale.ROOT));
            m.add("Keep the driver pod", Retention.KEEP.name().toLowerCase(Locale.ROOT));
            return m;
        }

        @POST
        public FormValidation doCheckLabels(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsForms.mayConfigure(item)
                    ? FieldChecks.keyValueLines(value, "labels")
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckAnnotations(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsForms.mayConfigure(item)
                    ? FieldChecks.keyValueLines(value, "annotations")
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckEnv(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsForms.mayConfigure(item) ? FieldChecks.keyValueLines(value, "env") : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckNodeSelector(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsForms.mayConfigure(item)
                    ? FieldChecks.keyValueLines(value, "nodeSelector")
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckStallGracePeriod(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsForms.mayConfigure(item)
                    ? FieldChecks.duration(value, "stallGracePeriod")
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsForms.mayConfigure(item) ? FieldChecks.namespace(value) : FormValidation.ok();
        }
    }
}
