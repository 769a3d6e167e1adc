package io.jenkins.plugins.sparkeks.core.k8s.submit;

/** Spark configuration keys the submission reads or writes, spelled as Spark 3.5 and 4.0 spell them. */
final class SparkConfKeys {

    static final String MASTER = "spark.master";
    static final String APP_NAME = "spark.app.name";
    static final String APP_ID = "spark.app.id";
    static final String SUBMIT_TIME = "spark.app.submitTime";
    static final String DEPLOY_MODE = "spark.submit.deployMode";
    static final String NAMESPACE = "spark.kubernetes.namespace";
    static final String CONTAINER_IMAGE = "spark.kubernetes.container.image";
    static final String DRIVER_CONTAINER_IMAGE = "spark.kubernetes.driver.container.image";
    static final String PULL_POLICY = "spark.kubernetes.container.image.pullPolicy";
    static final String PULL_SECRETS = "spark.kubernetes.container.image.pullSecrets";
    static final String JARS = "spark.jars";
    static final String FILES = "spark.files";
    static final String PY_FILES = "spark.submit.pyFiles";
    static final String ARCHIVES = "spark.archives";
    static final String DRIVER_CORES = "spark.driver.cores";
    static final String DRIVER_MEMORY = "spark.driver.memory";
    static final String DRIVER_MEMORY_OVERHEAD = "spark.driver.memoryOverhead";
    static final String DRIVER_MEMORY_OVERHEAD_FACTOR = "spark.driver.memoryOverheadFactor";
    /** Spark 4.0 and later; earlier releases ignore it and keep a fixed 384 MiB floor. */
    static final String DRIVER_MIN_MEMORY_OVERHEAD = "spark.driver.minMemoryOverhead";
    /** Spark 4.0 and later: read by the driver when it sizes executors. */
    static final String EXECUTOR_MIN_MEMORY_OVERHEAD = "spark.executor.minMemoryOverhead";
    static final String MEMORY_OVERHEAD_FACTOR = "spark.kubernetes.memoryOverheadFactor";
    static final String DRIVER_REQUEST_CORES = "spark.kubernetes.driver.request.cores";
    static final String DRIVER_LIMIT_CORES = "spark.kubernetes.driver.limit.cores";
    static final String EXECUTOR_CORES = "spark.executor.cores";
    static final String EXECUTOR_MEMORY = "spark.executor.memory";
    static final String EXECUTOR_MEMORY_OVERHEAD = "spark.executor.memoryOverhead";
    static final String EXECUTOR_INSTANCES = "spark.executor.instances";
    static final String DRIVER_SERVICE_ACCOUNT = "spark.kubernetes.authenticate.driver.serviceAccountName";
    static final String DRIVER_LABEL_PREFIX = "spark.kubernetes.driver.label.";
    static final String EXECUTOR_LABEL_PREFIX = "spark.kubernetes.executor.label.";
    static final String DRIVER_ANNOTATION_PREFIX = "spark.kubernetes.driver.annotation.";
    static final String EXECUTOR_ANNOTATION_PREFIX = "spark.kubernetes.executor.annotation.";
    static final String DRIVER_SERVICE_LABEL_PREFIX = "spark.kubernetes.driver.service.label.";
    static final String DRIVER_SERVICE_ANNOTATION_PREFIX = "spark.kubernetes.driver.service.annotation.";
    static final String DRIVER_ENV_PREFIX = "spark.kubernetes.driverEnv.";
    static final String EXECUTOR_ENV_PREFIX = "spark.executorEnv.";
    static final String NODE_SELECTOR_PREFIX = "spark.kubernetes.node.selector.";
    static final String DRIVER_NODE_SELECTOR_PREFIX = "spark.kubernetes.driver.node.selector.";
    static final String DRIVER_RESOURCE_PREFIX = "spark.driver.resource.";
    static final String DRIVER_PORT = "spark.driver.port";
    static final String DRIVER_BLOCK_MANAGER_PORT = "spark.driver.blockManager.port";
    static final String BLOCK_MANAGER_PORT = "spark.blockManager.port";
    static final String UI_PORT = "spark.ui.port";
    static final String SCHEDULER_NAME = "spark.kubernetes.scheduler.name";
    static final String DRIVER_SCHEDULER_NAME = "spark.kubernetes.driver.scheduler.name";
    static final String LOCAL_DIRS_TMPFS = "spark.kubernetes.local.dirs.tmpfs";
    static final String LOCAL_DIR = "spark.local.dir";
    static final String TEMPLATE_CONTAINER_NAME = "spark.kubernetes.driver.podTemplateContainerName";
    static final String SERVICE_IP_FAMILY_POLICY = "spark.kubernetes.driver.service.ipFamilyPolicy";
    static final String SERVICE_IP_FAMILIES = "spark.kubernetes.driver.service.ipFamilies";
    static final String PYSPARK_PYTHON = "spark.pyspark.python";
    static final String PYSPARK_DRIVER_PYTHON = "spark.pyspark.driver.python";
    static final String DRIVER_POD_NAME = "spark.kubernetes.driver.pod.name";
    static final String SUBMIT_IN_DRIVER = "spark.kubernetes.submitInDriver";
    static final String DRIVER_HOST = "spark.driver.host";
    static final String DRIVER_BIND_ADDRESS = "spark.driver.bindAddress";
    static final String RESOURCE_TYPE = "spark.kubernetes.resource.type";

    private SparkConfKeys() {}
}
