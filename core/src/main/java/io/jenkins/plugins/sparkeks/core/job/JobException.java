package io.jenkins.plugins.sparkeks.core.job;

/**
 * A remote call failed in a way the user should read (permissions, unreachable endpoint, conflicting
 * object). Messages name what was attempted and never contain credentials or tokens.
 */
public class JobException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobException(String message) {
        super(message);
    }

    public JobException(String message, Throwable cause) {
        super(message, cause);
    }
}
