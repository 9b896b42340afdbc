package no.budstikke.store;

import java.time.OffsetDateTime;

/** Where a stored event is in the pipeline; holds no personal data. */
public record EventStatus(
        String key,
        String source,
        String id,
        String type,
        String channel,
        OffsetDateTime receivedAt,
        String status,
        OffsetDateTime statusChangedAt) {
}
