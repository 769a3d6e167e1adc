package io.jenkins.plugins.sparkeks.emulator.wire;

/** An error answer, independent of how the service's protocol spells it on the wire. */
public final class AwsError extends RuntimeException {
    private final int status;
    private final String code;

    public AwsError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static AwsError validation(String message) {
        return new AwsError(400, "ValidationException", message);
    }
}
