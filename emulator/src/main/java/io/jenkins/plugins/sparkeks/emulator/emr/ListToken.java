package io.jenkins.plugins.sparkeks.emulator.emr;

import io.jenkins.plugins.sparkeks.emulator.wire.AwsError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** The last item of a newest-first list page: (creation time, id). */
record ListToken(Instant createdAt, String id) {
    static ListToken parse(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return new ListToken(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
        } catch (RuntimeException e) {
            throw AwsError.validation("Invalid nextToken");
        }
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether an item comes after this one in newest-first order. */
    boolean isAfter(Instant itemCreatedAt, String itemId) {
        int byTime = itemCreatedAt.compareTo(createdAt);
        return byTime < 0 || (byTime == 0 && itemId.compareTo(id) < 0);
    }
}
