package io.jenkins.plugins.sparkeks.core.logs.cloudwatch;

/**
 * How far one driver output stream (stdout or stderr) was delivered, whatever the source: the number of lines
 * delivered, and where CloudWatch reading stands (the forward token and how many lines precede it). CloudWatch
 * skips lines below {@code delivered} and S3 skips the first {@code delivered} lines, so switching sources, or
 * resuming in another process, neither repeats nor loses a line.
 *
 * @param delivered       lines of this stream handed to the sink, from any source
 * @param cloudWatchLines lines of this stream before {@code forwardToken}
 * @param forwardToken    GetLogEvents token to continue from; null = from the head
 */
public record StreamPosition(long delivered, long cloudWatchLines, String forwardToken) {

    public static final StreamPosition START = new StreamPosition(0, 0, null);

    public StreamPosition {
        if (delivered < 0 || cloudWatchLines < 0) {
            throw new IllegalArgumentException("line counts must not be negative");
        }
    }

    public StreamPosition withDelivered(long lines) {
        return new StreamPosition(Math.max(delivered, lines), cloudWatchLines, forwardToken);
    }

    /** Encoded for a {@link io.jenkins.plugins.sparkeks.core.logs.LogCursor} entry: {@code <delivered>|<cwLines>|<token>}. */
    public String encode() {
        return delivered + "|" + cloudWatchLines + "|" + (forwardToken == null ? "" : forwardToken);
    }

    public static StreamPosition decode(String s) {
        if (s == null || s.isEmpty()) {
            return START;
        }
        String[] parts = s.split("\\|", 3);
        try {
            long delivered = Long.parseLong(parts[0]);
            long cw = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            String token = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null;
            return new StreamPosition(delivered, cw, token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a driver log stream position: " + s, e);
        }
    }
}
