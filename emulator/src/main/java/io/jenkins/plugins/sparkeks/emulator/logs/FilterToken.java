package io.jenkins.plugins.sparkeks.emulator.logs;

import io.jenkins.plugins.sparkeks.emulator.logs.LogStore.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a FilterLogEvents page ended: the (timestamp, sequence) of its last event. Resuming "after an event" rather
 * than "at an offset" keeps paging right while new events keep arriving, as they do for a running job.
 */
record FilterToken(long timestamp, long sequence) {
    static FilterToken after(StoredEvent event) {
        return new FilterToken(event.timestamp(), event.sequence());
    }

    static FilterToken parse(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            return new FilterToken(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw CloudWatchLogsService.invalidParameter("The specified nextToken is invalid.");
        }
    }

    static String eventId(StoredEvent event) {
        return String.format("%020d%020d", event.timestamp(), event.sequence());
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((timestamp + ":" + sequence).getBytes(StandardCharsets.UTF_8));
    }

    boolean isBefore(StoredEvent event) {
        return StoredEvent.ORDER.compare(new StoredEvent(timestamp, 0, "", sequence), event) < 0;
    }
}
