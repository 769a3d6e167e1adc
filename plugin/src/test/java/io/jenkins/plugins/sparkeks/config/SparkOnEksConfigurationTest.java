package io.jenkins.plugins.sparkeks.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import net.sf.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.StaplerRequest2;
import org.mockito.InOrder;

/** One write per form submission; setters (as Configuration as Code calls them, inside its BulkChange) never write. */
class SparkOnEksConfigurationTest {

    private SparkOnEksConfiguration config;

    @BeforeEach
    void setUp() {
        // built without its constructor, which loads the saved configuration from JENKINS_HOME
        config = mock(SparkOnEksConfiguration.class, CALLS_REAL_METHODS);
        doNothing().when(config).save();
    }

    private void setEverything() {
        config.setRegion("eu-west-1");
        config.setClusterName("prod");
        config.setCredentialsId("aws-ci");
        config.setRoleArn("arn:aws:iam::123456789012:role/spark");
        config.setNamespace("spark");
        config.setServiceAccount("spark-driver");
        config.setImage("apache/spark:3.5.6");
        config.setLogGroup("/emr/spark");
        config.setAwsEndpointUrl("http://127.0.0.1:4566");
    }

    @Test
    void settersOnlyAssign() {
        setEverything();

        verify(config, never()).save();
        assertThat(config.defaults())
                .isEqualTo(new SparkOnEksDefaults(
                        "eu-west-1",
                        "prod",
                        "aws-ci",
                        "arn:aws:iam::123456789012:role/spark",
                        "spark",
                        "spark-driver",
                        "apache/spark:3.5.6",
                        "/emr/spark",
                        "http://127.0.0.1:4566"));
    }

    @Test
    void aFormSubmissionBindsEveryFieldAndThenSavesOnce() throws Exception {
        StaplerRequest2 request = mock(StaplerRequest2.class);
        JSONObject form = new JSONObject();
        doAnswer(invocation -> {
                    setEverything(); // what Stapler's binding does with the form's nine fields
                    return null;
                })
                .when(request)
                .bindJSON(same(config), same(form));

        assertThat(config.configure(request, form)).isTrue();

        InOrder order = inOrder(request, config);
        order.verify(request).bindJSON(config, form);
        order.verify(config).save();
        verify(config, times(1)).save();
        verify(request, times(1)).bindJSON(any(), any(JSONObject.class));
        assertThat(config.getRegion()).isEqualTo("eu-west-1");
    }
}
