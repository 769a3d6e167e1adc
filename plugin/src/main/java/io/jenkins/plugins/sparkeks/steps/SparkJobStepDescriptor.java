package io.jenkins.plugins.sparkeks.steps;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.sparkeks.credentials.CredentialsForms;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What the descriptors of both steps share: the required context and the form methods of the fields every
 * Spark job has (AWS credentials, region, role, timeouts). Each step's nested {@code DescriptorImpl} adds its own.
 */
public abstract class SparkJobStepDescriptor extends StepDescriptor {

    /** Both steps run on the controller only: no node, no workspace, no executor held while waiting. */
    private static final Set<Class<?>> REQUIRED_CONTEXT = Set.of(Run.class, TaskListener.class);

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return REQUIRED_CONTEXT;
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return CredentialsForms.list(item, credentialsId, AmazonWebServicesCredentials.class);
    }

    @POST
    public FormValidation doCheckRegion(@AncestorInPath Item item, @QueryParameter String value) {
        return CredentialsForms.mayConfigure(item) ? FieldChecks.region(value) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
        return CredentialsForms.mayConfigure(item) ? FieldChecks.roleArn(value) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckStartTimeout(@AncestorInPath Item item, @QueryParameter String value) {
        return CredentialsForms.mayConfigure(item) ? FieldChecks.duration(value, "startTimeout") : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
        return CredentialsForms.mayConfigure(item) ? FieldChecks.duration(value, "timeout") : FormValidation.ok();
    }
}
