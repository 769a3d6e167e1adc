package io.jenkins.plugins.sparkeks.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A job reference as one copy-pasteable word: {@code soe1.<kind>.<base64url of JSON>}. References hold ids,
 * cluster coordinates and log cursors only, never a credential, so the text is safe to print and store.
 */
public final class ReferenceCodec {

    static final String VERSION = "soe1";
    private static final Map<String, Class<? extends JobReference>> KINDS = Map.of(
            "k8s", DriverPodReference.class,
            "emr", EmrJobRunReference.class,
            "op", SparkApplicationReference.class);

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String encode(JobReference reference) {
        String kind = kind(reference);
        try {
            byte[] body = json.writeValueAsBytes(reference);
            return VERSION + "." + kind + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
        } catch (IOException e) {
            throw new IllegalStateException("a " + kind + " reference could not be written as JSON", e);
        }
    }

    /** Reads a reference; bad text is a usage error naming the {@code reference} parameter. */
    public JobReference decode(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\.", 3);
        Class<? extends JobReference> type = parts.length == 3 && VERSION.equals(parts[0]) ? KINDS.get(parts[1]) : null;
        if (type == null) {
            throw invalid("is not a spark-on-eks reference");
        }
        JobReference reference;
        try {
            reference = json.readValue(Base64.getUrlDecoder().decode(parts[2]), type);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("is damaged (" + parts[1] + " reference that cannot be read)");
        }
        ReferenceChecks.check(reference);
        return reference;
    }

    private static String kind(JobReference reference) {
        return switch (reference.backend()) {
            case KUBERNETES -> "k8s";
            case EMR_ON_EKS -> "emr";
            case SPARK_OPERATOR -> "op";
        };
    }

    private static InvalidJobSpecException invalid(String problem) {
        return new InvalidJobSpecException(List.of(new FieldError("reference", problem + ".",
                "Pass the text printed after 'Reference:' by submit --no-wait (it starts with '" + VERSION + ".').")));
    }
}
