package no.budstikke.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The inbound_event table: stores each (source, id) once, whatever the concurrency. */
public final class EventStore {

    /** {@code UNSTORABLE}: the database refused a value of the event itself (SQLState class 22). */
    public enum Insert { STORED, DUPLICATE, CONFLICTING_DUPLICATE, UNSTORABLE }


    // ON CONFLICT DO NOTHING lets the unique (source, event_id) decide between racing inserts
    // without aborting the surrounding transaction, which holds the rest of a batch.
    private static final String INSERT = """
            INSERT INTO inbound_event (event_key, source, event_id, type, event_time, received_at, channel, origin,
                                       duf_number, payload_sha256, payload, status, status_changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private final Transactions transactions;
    private final Clock clock;

    public EventStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Inserts within the caller's transaction. A repeat is reported, never stored twice. An event
     * the database refuses for what it holds (a value too long for its column, and the like) is
     * reported as {@link Insert#UNSTORABLE} and leaves the transaction usable for the rest of
     * the input: it is bad input, not a database outage to retry.
     */
    public Insert insert(Transaction c, NewEvent e) throws SQLException {
        Savepoint before = c.connection().setSavepoint();
        try {
            Insert result = insertOrFind(c, e);
            c.connection().releaseSavepoint(before);
            return result;
        } catch (SQLException ex) {
            if (!DataExceptions.isDataException(ex)) throw ex;
            // PostgreSQL refuses every further statement of a transaction after an error until it
            // is rolled back to a point before the error.
            c.connection().rollback(before);
            return Insert.UNSTORABLE;
        }
    }

    private Insert insertOrFind(Transaction c, NewEvent e) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        try (PreparedStatement ps = c.connection().prepareStatement(INSERT)) {
            ps.setString(1, e.key());
            ps.setString(2, e.source());
            ps.setString(3, e.id());
            ps.setString(4, e.type());
            ps.setObject(5, e.time());
            ps.setObject(6, now);
            ps.setString(7, e.channel());
            ps.setString(8, DataExceptions.origin(e.origin()));
            ps.setString(9, e.dufNumber());
            ps.setString(10, e.payloadSha256());
            ps.setString(11, e.payload());
            ps.setString(12, EventState.RECEIVED.name());
            ps.setObject(13, now);
            if (ps.executeUpdate() == 1) return Insert.STORED;
        }
        return sameContent(c, e) ? Insert.DUPLICATE : Insert.CONFLICTING_DUPLICATE;
    }

    private static boolean sameContent(Transaction c, NewEvent e) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(
                "SELECT payload_sha256 FROM inbound_event WHERE source = ? AND event_id = ?")) {
            ps.setString(1, e.source());
            ps.setString(2, e.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1).equals(e.payloadSha256());
            }
        }
    }

    public Optional<EventStatus> status(String key) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("""
                    SELECT event_key, source, event_id, type, channel, received_at, status, status_changed_at
                    FROM inbound_event WHERE event_key = ?""")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new EventStatus(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class),
                            rs.getString(7), rs.getObject(8, OffsetDateTime.class)));
                }
            }
        });
    }

    public long count() {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("SELECT COUNT(*) FROM inbound_event");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
