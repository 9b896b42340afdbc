package no.budstikke.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Events held for ops in {@code inbound_event}: HELD until ops release them (RELEASED, which
 * dispatch then takes like a received event) or reject them (REJECTED, never dispatched).
 */
public final class HeldEvents {


    public enum Review { DONE, NOT_HELD, NOT_FOUND }

    private final Clock clock;

    public HeldEvents(Clock clock) {
        this.clock = clock;
    }

    /** Holds the event in the caller's transaction, the one that claimed it for dispatch. */
    public void hold(Transaction c, String key, String reason) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(
                "UPDATE inbound_event SET status = ?, status_changed_at = ?, held_reason = ? WHERE event_key = ?")) {
            ps.setString(1, EventState.HELD.name());
            ps.setObject(2, OffsetDateTime.now(clock));
            ps.setString(3, reason.length() <= 200 ? reason : reason.substring(0, 200));
            ps.setString(4, key);
            ps.executeUpdate();
        }
    }

    /** Moves a held event to {@code status} (RELEASED or REJECTED), recording who decided; only a held event moves. */
    public Review review(Transaction c, String key, String status, String actor) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement("""
                UPDATE inbound_event SET status = ?, status_changed_at = ?, reviewed_by = ?
                WHERE event_key = ? AND status = 'HELD'""")) {
            ps.setString(1, status);
            ps.setObject(2, OffsetDateTime.now(clock));
            ps.setString(3, actor);
            ps.setString(4, key);
            if (ps.executeUpdate() == 1) return Review.DONE;
        }
        return status(c, key).isPresent() ? Review.NOT_HELD : Review.NOT_FOUND;
    }

    /** The event's status, if it is stored. */
    public Optional<String> status(Transaction c, String key) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement("SELECT status FROM inbound_event WHERE event_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
