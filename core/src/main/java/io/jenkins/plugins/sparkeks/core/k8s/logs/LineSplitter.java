package io.jenkins.plugins.sparkeks.core.k8s.logs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns the bytes of one log stream into complete lines. Bytes arrive in arbitrary chunks, so a line is
 * only handed on once its newline has arrived; a partial line left when the stream is cut is dropped,
 * because the reconnect fetches it again in full.
 */
final class LineSplitter extends OutputStream {

    private final Consumer<String> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                if (pending.size() == 0) {
                    // the whole line is in this chunk: decode it in place instead of copying it twice
                    emit(bytes, start, i - start);
                } else {
                    pending.write(bytes, start, i - start);
                    emit();
                }
                start = i + 1;
            }
        }
        pending.write(bytes, start, end - start);
    }

    private void emit() {
        byte[] raw = pending.toByteArray();
        pending.reset();
        emit(raw, 0, raw.length);
    }

    private void emit(byte[] bytes, int offset, int length) {
        if (length > 0 && bytes[offset + length - 1] == '\r') {
            length--;
        }
        lines.accept(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    /** Hands on a final line without newline; only for a stream that ended normally. */
    void flushPartialLine() {
        if (pending.size() > 0) {
            emit();
        }
    }
}
