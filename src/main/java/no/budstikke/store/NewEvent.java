package no.budstikke.store;

import java.time.OffsetDateTime;

/** A validated event about to be stored. */
public record NewEvent(
        String key,
        String source,
        String id,
        String type,
        OffsetDateTime time,
        String channel,
        String origin,
        String dufNumber,
        String payload,
        String payloadSha256) {
}
