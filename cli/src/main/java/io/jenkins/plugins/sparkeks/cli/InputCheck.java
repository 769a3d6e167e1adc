package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads every part of a command's input before anything connects, and reports all problems together: a user who
 * fixes one mistake should not be told about the next one only on the following run.
 */
final class InputCheck {

    private final List<FieldError> errors = new ArrayList<>();

    /** The part's value, or null when it is invalid (its problems are kept for {@link #done()}). */
    <T> T read(Supplier<T> part) {
        try {
            return part.get();
        } catch (InvalidJobSpecException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /** Runs a check that has no value to give. */
    void check(Runnable part) {
        read(() -> {
            part.run();
            return null;
        });
    }

    /** Throws every problem found so far, if any. */
    void done() {
        if (!errors.isEmpty()) {
            throw new InvalidJobSpecException(errors);
        }
    }
}
