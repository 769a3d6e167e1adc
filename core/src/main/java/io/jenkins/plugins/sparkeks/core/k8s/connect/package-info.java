/**
 * Reaching a Kubernetes cluster: a {@link io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterAccess} says how (EKS by
 * name, kubeconfig, server and token, or in-cluster), and
 * {@link io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnector} turns it into a shared fabric8 client.
 *
 * <pre>{@code
 * try (AwsClientFactory aws = new AwsClientFactory(); ClusterConnector connector = new ClusterConnector(aws)) {
 *     ClusterConnection cluster = connector.connect(new ClusterAccess.Eks(AwsSettings.of("us-east-1"), "prod"));
 *     cluster.client().pods().inNamespace("spark").list();      // do not close the client: the connector does
 *     String ok = connector.verify(new ClusterAccess.Eks(AwsSettings.of("us-east-1"), "prod"), "spark");
 * }
 * }</pre>
 *
 * Input problems surface as {@link io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException} before any network
 * call; remote problems (cluster missing or not ACTIVE, credentials refused) as
 * {@link io.jenkins.plugins.sparkeks.core.job.JobException}. EKS tokens are re-minted before 14 minutes and after a 401.
 */
package io.jenkins.plugins.sparkeks.core.k8s.connect;
