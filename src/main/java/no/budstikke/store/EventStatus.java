package no.budstikke.store;

import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/** Where a stored event is in the pipeline; holds no personal data. */
public record EventStatus(
        @ColumnName("event_key") String key,
        String source,
        @ColumnName("event_id") String id,
        String type,
        String channel,
        OffsetDateTime receivedAt,
        EventState status,
        OffsetDateTime statusChangedAt) {
}
