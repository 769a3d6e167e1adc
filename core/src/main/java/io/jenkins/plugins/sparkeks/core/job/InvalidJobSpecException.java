package io.jenkins.plugins.sparkeks.core.job;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown before any remote call when the request is invalid; lists every problem found, not just the first. */
public class InvalidJobSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidJobSpecException(List<FieldError> errors) {
        super(format(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors given");
        }
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String format(List<FieldError> errors) {
        if (errors.size() == 1) {
            return "Invalid input: " + errors.get(0);
        }
        return "Invalid input (" + errors.size() + " problems):"
                + errors.stream().map(e -> "\n  - " + e).collect(Collectors.joining());
    }
}
