package io.jenkins.plugins.sparkeks.core.job;

import java.util.Objects;

/**
 * One problem with the caller's input, found before anything is sent anywhere.
 *
 * @param field   the parameter name as the user wrote it (e.g. {@code driverMemory}, {@code conf[spark.driver.host]})
 * @param problem what is wrong, without echoing secret values
 * @param fix     what to do about it
 */
public record FieldError(String field, String problem, String fix) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    @Override
    public String toString() {
        return field + ": " + problem + " " + fix;
    }
}
