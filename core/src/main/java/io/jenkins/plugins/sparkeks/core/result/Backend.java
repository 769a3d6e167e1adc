package io.jenkins.plugins.sparkeks.core.result;

/** Where a Spark application runs and which engine submitted it. */
public enum Backend {
    /** A driver pod created as {@code spark-submit --deploy-mode cluster} would create it. */
    KUBERNETES,
    /** A SparkApplication handled by a Spark operator: Kubeflow ({@code sparkoperator.k8s.io}) or Apache ({@code spark.apache.org}). */
    SPARK_OPERATOR,
    /** An EMR on EKS job run started through StartJobRun (or the ACK JobRun resource). */
    EMR_ON_EKS
}
