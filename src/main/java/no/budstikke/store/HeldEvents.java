package no.budstikke.store;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Events held for ops in {@code inbound_event}: HELD until ops release them (RELEASED, which
 * dispatch then takes like a received event) or reject them (REJECTED, never dispatched).
 */
public final class HeldEvents {

    /** {@code held_reason} is VARCHAR(200). */
    private static final int REASON_MAX = 200;

    public enum Review { DONE, NOT_HELD, NOT_FOUND }

    private final Clock clock;

    public HeldEvents(Clock clock) {
        this.clock = clock;
    }

    /** Holds the event in the caller's transaction, the one that claimed it for dispatch. */
    public void hold(Transaction tx, String key, String reason) {
        tx.attach(HeldEventSql.class).hold(key, reason.length() <= REASON_MAX ? reason : reason.substring(0, REASON_MAX),
                EventState.HELD, OffsetDateTime.now(clock));
    }

    /** Moves a held event to {@code verdict} (RELEASED or REJECTED), recording who decided; only a held event moves. */
    public Review review(Transaction tx, String key, EventState verdict, String actor) {
        HeldEventSql sql = tx.attach(HeldEventSql.class);
        if (sql.review(key, verdict, actor, EventState.HELD, OffsetDateTime.now(clock)) == 1) return Review.DONE;
        return sql.status(key).isPresent() ? Review.NOT_HELD : Review.NOT_FOUND;
    }
}
