package io.jenkins.plugins.sparkeks.credentials;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.sparkeks.core.auth.AwsService;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.job.AwsTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The core's {@link AwsSettings} for a build: the region, the AWS credential named by id (or the controller's
 * default chain when none is named or the credential defers to it), and the role to assume.
 */
public final class AwsAccessResolver {

    private final AwsCredentialsProvider defaultChain;

    public AwsAccessResolver() {
        this(DefaultCredentialsProvider.builder().build());
    }

    AwsAccessResolver(AwsCredentialsProvider defaultChain) {
        this.defaultChain = defaultChain;
    }

    /** Throws {@link io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException} for a malformed region or role. */
    public AwsSettings settings(AwsTarget target, Run<?, ?> run) throws AbortException {
        AwsSettings settings = AwsSettings.of(target.region());
        if (target.credentialsId() != null) {
            AmazonWebServicesCredentials c = BuildCredentials.find(
                    run, target.credentialsId(), AmazonWebServicesCredentials.class, "credentialsId");
            settings = settings.withCredentials(
                    new JenkinsAwsCredentialsProvider(target.credentialsId(), c, defaultChain));
        }
        if (target.endpointUrl() != null) {
            Map<String, String> everyService = new LinkedHashMap<>();
            for (AwsService service : AwsService.values()) {
                everyService.put(service.endpointPrefix(), target.endpointUrl());
            }
            settings = settings.withEndpoints(everyService);
        }
        return target.roleArn() == null ? settings : settings.withRole(target.roleArn(), null, null);
    }
}
