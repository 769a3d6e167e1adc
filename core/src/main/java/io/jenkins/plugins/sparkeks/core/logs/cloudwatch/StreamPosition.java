package io.jenkins.plugins.sparkeks.core.logs.cloudwatch;

/**
 * How far one driver output stream (stdout or stderr) was delivered, whatever the source: the number of lines
 * delivered, and where CloudWatch reading stands. CloudWatch skips lines below {@code delivered} and S3 skips the
 * first {@code delivered} lines, so switching sources, or resuming in another process, neither repeats nor loses a
 * line.
 *
 * <p>CloudWatch reading stands at two equivalent places: a GetLogEvents forward token, and a time cursor (every
 * event before {@code timestamp}, plus the first {@code atTimestamp} events at that millisecond, were read). The
 * token continues one stream alone; the cursor lets one FilterLogEvents call continue many streams at once. A
 * position written before the cursor existed has only the token and goes on with GetLogEvents.
 *
 * @param delivered       lines of this stream handed to the sink, from any source
 * @param cloudWatchLines lines of this stream read from CloudWatch (before the token / the cursor)
 * @param forwardToken    GetLogEvents token to continue from; null = none (from the cursor, else from the head)
 * @param timestamp       epoch millisecond of the last event read; negative = no cursor
 * @param atTimestamp     how many events of that millisecond were read
 */
public record StreamPosition(long delivered, long cloudWatchLines, String forwardToken, long timestamp,
        int atTimestamp) {

    public static final StreamPosition START = new StreamPosition(0, 0, null);
    /** Marks the cursor in the encoding; GetLogEvents tokens start with {@code f/} or {@code b/}, never with it. */
    private static final String CURSOR = "@";

    public StreamPosition {
        if (delivered < 0 || cloudWatchLines < 0 || atTimestamp < 0) {
            throw new IllegalArgumentException("line counts must not be negative");
        }
        if (timestamp < 0) {
            timestamp = -1;
            atTimestamp = 0;
        }
    }

    /** A position without a time cursor (as written before FilterLogEvents reading). */
    public StreamPosition(long delivered, long cloudWatchLines, String forwardToken) {
        this(delivered, cloudWatchLines, forwardToken, -1, 0);
    }

    public StreamPosition withDelivered(long lines) {
        return new StreamPosition(Math.max(delivered, lines), cloudWatchLines, forwardToken, timestamp, atTimestamp);
    }

    /** True when the time cursor says where reading stands (or nothing was read yet). */
    public boolean hasTimeCursor() {
        return timestamp >= 0 || forwardToken == null;
    }

    /** Where reading from a time would start: the cursor's millisecond, 0 before any event. */
    public long startTime() {
        return Math.max(0, timestamp);
    }

    /** True when the event at {@code ts} that is the {@code nth} (0-based) of its millisecond was read already. */
    public boolean covers(long ts, int nth) {
        return ts < timestamp || (ts == timestamp && nth < atTimestamp);
    }

    /**
     * Encoded for a {@link io.jenkins.plugins.sparkeks.core.logs.LogCursor} entry:
     * {@code <delivered>|<cwLines>|<token>}, or {@code <delivered>|<cwLines>|@<ms>,<n>|<token>} with a cursor.
     */
    public String encode() {
        String token = forwardToken == null ? "" : forwardToken;
        String head = delivered + "|" + cloudWatchLines + "|";
        return timestamp < 0 ? head + token : head + CURSOR + timestamp + "," + atTimestamp + "|" + token;
    }

    public static StreamPosition decode(String s) {
        if (s == null || s.isEmpty()) {
            return START;
        }
        String[] parts = s.split("\\|", 3);
        try {
            long delivered = Long.parseLong(parts[0]);
            long cw = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            String rest = parts.length > 2 ? parts[2] : "";
            long ts = -1;
            int at = 0;
            if (rest.startsWith(CURSOR)) {
                int bar = rest.indexOf('|');
                String[] cursor = (bar < 0 ? rest.substring(1) : rest.substring(1, bar)).split(",", 2);
                ts = Long.parseLong(cursor[0]);
                at = Integer.parseInt(cursor[1]);
                rest = bar < 0 ? "" : rest.substring(bar + 1);
            }
            return new StreamPosition(delivered, cw, rest.isEmpty() ? null : rest, ts, at);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a driver log stream position: " + s, e);
        }
    }
}
