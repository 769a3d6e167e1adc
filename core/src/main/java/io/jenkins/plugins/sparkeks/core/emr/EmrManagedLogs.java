package io.jenkins.plugins.sparkeks.core.emr;

import java.io.Serializable;

/**
 * EMR's managed logs ({@code monitoringConfiguration.managedLogs}): whether AWS keeps a copy of the job's logs for the
 * EMR console and support, and the KMS key they are encrypted with.
 *
 * @param allowAwsToRetainLogs true = ENABLED, false = DISABLED, null = EMR's default
 * @param encryptionKeyArn     ARN of the customer-managed KMS key; null = AWS-owned key
 */
public record EmrManagedLogs(Boolean allowAwsToRetainLogs, String encryptionKeyArn) implements Serializable {

    public boolean isEmpty() {
        return allowAwsToRetainLogs == null && encryptionKeyArn == null;
    }
}
