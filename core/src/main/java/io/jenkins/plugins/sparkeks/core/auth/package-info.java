/**
 * AWS identity for everything the project calls: {@link io.jenkins.plugins.sparkeks.core.auth.AwsSettings} (region,
 * credentials, optional role, endpoint overrides), {@link io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory}
 * (one shared, retrying SDK client per distinct settings) and EKS bearer tokens
 * ({@link io.jenkins.plugins.sparkeks.core.auth.EksTokenGenerator}, refreshed by
 * {@link io.jenkins.plugins.sparkeks.core.auth.EksTokenProvider}).
 *
 * <pre>{@code
 * AwsSettings aws = AwsSettings.of("us-east-1")
 *         .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)))
 *         .withRole("arn:aws:iam::111122223333:role/spark", null, null);
 * try (AwsClientFactory clients = new AwsClientFactory()) {
 *     EmrContainersClient emr = clients.emrContainers(aws);   // the same instance for equal settings
 * }
 * }</pre>
 *
 * Nothing here prints a key, session token, external id or bearer token.
 */
package io.jenkins.plugins.sparkeks.core.auth;
