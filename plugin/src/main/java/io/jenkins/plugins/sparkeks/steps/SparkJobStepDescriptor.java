package io.jenkins.plugins.sparkeks.steps;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.sparkeks.credentials.CredentialsForms;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * What the descriptors of both steps share: the required context and the form methods of the fields every
 * Spark job has (AWS credentials, region, role, timeouts). Each step's nested {@code DescriptorImpl} adds its own.
 */
public abstract class SparkJobStepDescriptor extends StepDescriptor {

    /** Both steps run on the controller only: no node, no workspace, no executor held while waiting. */
    private static final Set<Class<?>> REQUIRED_CONTEXT = Set.of(Run.class, TaskListener.class);

    private final Class<? extends SparkJobStep> stepType;

    protected SparkJobStepDescriptor(Class<? extends SparkJobStep> stepType) {
        this.stepType = stepType;
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return REQUIRED_CONTEXT;
    }

    /**
     * Binds a submitted form (job configuration, Snippet Generator, and the step inside a freestyle builder,
     * which Jenkins binds through this method too), with each list parameter's textarea read one entry per line.
     */
    @Override
    public Step newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
        Map<String, List<String>> lists = FormLists.take(stepType, formData);
        Step step = super.newInstance(req, formData);
        FormLists.apply(step, lists);
        return step;
    }

    /** The textarea text of a list parameter, for the forms: one entry per line. */
    public String formText(List<String> entries) {
        return FormLists.text(entries);
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
    public FormValidation doCheckConf(@AncestorInPath Item item, @QueryParameter String value) {
        return CredentialsForms.mayConfigure(item) ? FieldChecks.keyValueLines(value, "conf") : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckStartTimeout(@AncestorInPath Item item, @QueryParameter String value) {
        return CredentialsForms.mayConfigure(item) ? FieldChecks.duration(value, "startTimeout") : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
        return CredentialsForms.mayConfigure(item) ? FieldChecks.duration(value, "timeout") : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckApiUnreachableTimeout(@AncestorInPath Item item, @QueryParameter String value) {
        return CredentialsForms.mayConfigure(item)
                ? FieldChecks.duration(value, "apiUnreachableTimeout")
                : FormValidation.ok();
    }
}
