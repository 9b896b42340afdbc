package no.budstikke.console.auth;

import java.time.Duration;
import java.time.OffsetDateTime;

/** When a session ends: after {@code idle} without a request, and {@code lifetime} after it was opened, whichever is first. */
public record SessionPolicy(Duration idle, Duration lifetime) {

    public boolean alive(OffsetDateTime createdAt, OffsetDateTime lastSeenAt, OffsetDateTime now) {
        return now.isBefore(lastSeenAt.plus(idle)) && now.isBefore(createdAt.plus(lifetime));
    }

    /** Sessions last seen before this are idle too long. */
    public OffsetDateTime idleBefore(OffsetDateTime now) {
        return now.minus(idle);
    }

    /** Sessions opened before this are too old. */
    public OffsetDateTime createdBefore(OffsetDateTime now) {
        return now.minus(lifetime);
    }
}
