package io.jenkins.plugins.sparkeks.config;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.sparkeks.credentials.CredentialsForms;
import io.jenkins.plugins.sparkeks.steps.FieldChecks;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Defaults shared by every Spark job on this controller (Manage Jenkins » System, or JCasC under
 * {@code unclassified: sparkOnEks:}). Only data-bound properties, so Configuration as Code sees all of them;
 * only a credentials id is stored, never a secret.
 *
 * <p>Setters only assign: a form submission binds every field and then writes the file once
 * ({@link #configure(StaplerRequest2, JSONObject)}), and Configuration as Code sets the properties inside a
 * {@code BulkChange} on this descriptor whose commit saves once.
 */
@Extension
@Symbol("sparkOnEks")
public class SparkOnEksConfiguration extends GlobalConfiguration {

    private String region;
    private String clusterName;
    private String credentialsId;
    private String roleArn;
    private String namespace;
    private String serviceAccount;
    private String image;
    private String logGroup;
    private String awsEndpointUrl;

    public SparkOnEksConfiguration() {
        load();
    }

    public static SparkOnEksConfiguration get() {
        return ExtensionList.lookupSingleton(SparkOnEksConfiguration.class);
    }

    /** The current values as an immutable snapshot for a step to fall back on. */
    public SparkOnEksDefaults defaults() {
        return new SparkOnEksDefaults(
                region,
                clusterName,
                credentialsId,
                roleArn,
                namespace,
                serviceAccount,
                image,
                logGroup,
                awsEndpointUrl);
    }

    public String getRegion() {
        return region;
    }

    public String getClusterName() {
        return clusterName;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getRoleArn() {
        return roleArn;
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

    public String getLogGroup() {
        return logGroup;
    }

    public String getAwsEndpointUrl() {
        return awsEndpointUrl;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = SparkOnEksDefaults.blankToNull(region);
    }

    @DataBoundSetter
    public void setClusterName(String clusterName) {
        this.clusterName = SparkOnEksDefaults.blankToNull(clusterName);
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = SparkOnEksDefaults.blankToNull(credentialsId);
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = SparkOnEksDefaults.blankToNull(roleArn);
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = SparkOnEksDefaults.blankToNull(namespace);
    }

    @DataBoundSetter
    public void setServiceAccount(String serviceAccount) {
        this.serviceAccount = SparkOnEksDefaults.blankToNull(serviceAccount);
    }

    @DataBoundSetter
    public void setImage(String image) {
        this.image = SparkOnEksDefaults.blankToNull(image);
    }

    @DataBoundSetter
    public void setLogGroup(String logGroup) {
        this.logGroup = SparkOnEksDefaults.blankToNull(logGroup);
    }

    /** Only administrators set this: every build's AWS calls, with their credentials, go to this URL. */
    @DataBoundSetter
    public void setAwsEndpointUrl(String awsEndpointUrl) {
        this.awsEndpointUrl = SparkOnEksDefaults.blankToNull(awsEndpointUrl);
    }

    /** Binds the whole form, then saves once (the inherited implementation binds but never saves). */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        req.bindJSON(this, json);
        save();
        return true;
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return CredentialsForms.list(item, credentialsId, AmazonWebServicesCredentials.class);
    }

    @POST
    public FormValidation doCheckRegion(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FieldChecks.region(value);
    }

    @POST
    public FormValidation doCheckRoleArn(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FieldChecks.roleArn(value);
    }

    @POST
    public FormValidation doCheckAwsEndpointUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FieldChecks.endpointUrl(value);
    }

    @POST
    public FormValidation doCheckNamespace(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FieldChecks.namespace(value);
    }
}
