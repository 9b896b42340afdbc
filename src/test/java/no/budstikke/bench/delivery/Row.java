package no.budstikke.bench.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;


/** One notice as the database has it; times from the event's received_at and the notice's own columns. */
record Row(String channel, String priority, String status, OffsetDateTime receivedAt, OffsetDateTime createdAt,
                   OffsetDateTime deliveredAt) {

    Double ingestToDelivered() {
        return between(receivedAt, deliveredAt);
    }

    Double ingestToCreated() {
        return between(receivedAt, createdAt);
    }

    Double createdToDelivered() {
        return between(createdAt, deliveredAt);
    }

    private static Double between(OffsetDateTime a, OffsetDateTime b) {
        return a == null || b == null ? null : Duration.between(a, b).toNanos() / 1e6;
    }
}
