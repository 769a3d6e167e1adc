package io.jenkins.plugins.sparkeks.core.result;

import java.io.Serializable;
import java.util.Objects;

/** A labelled link to somewhere a person can look at the job: a console page, a log stream, an S3 prefix. */
public record Link(String label, String url) implements Serializable {
    public Link {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(url, "url");
    }
}
