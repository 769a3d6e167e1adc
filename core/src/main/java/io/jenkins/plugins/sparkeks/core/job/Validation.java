package io.jenkins.plugins.sparkeks.core.job;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while a request is checked, then throws them all at once. */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    public Validation error(String field, String problem, String fix) {
        errors.add(new FieldError(field, problem, fix));
        return this;
    }

    /** Records an error when {@code condition} is false. */
    public Validation check(boolean condition, String field, String problem, String fix) {
        if (!condition) {
            error(field, problem, fix);
        }
        return this;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidJobSpecException(errors);
        }
    }
}
