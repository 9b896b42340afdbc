package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the scheduled duties read: the case files that may owe a duty, and what the journal says
 * went out. Read only: a schedule writes through intake, like every sender.
 */
public final class Schedules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions transactions;

    public Schedules(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * A case file as the schedules see it. {@code state} is {@code CaseFile.toJson()} (personal
     * data: never logged). {@code lastUpdateToImdi}: the event time of the newest mapping update
     * since the wait began that went to IMDi under O30, or null.
     */
    public record Case(String dufNumber, LocalDate eighteenOn, Instant awaitingSince, String lastEventKey, Instant lastEventTime,
                       JsonNode state, Instant lastUpdateToImdi) {
    }

    /** Case files whose 18th birthday lies between the two days, inclusive. */
    public List<Case> turningEighteenBetween(LocalDate from, LocalDate to) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("""
                    SELECT duf_number, eighteen_on, awaiting_settlement_since, last_event_key, last_event_time, state,
                           CAST(NULL AS TIMESTAMP WITH TIME ZONE)
                    FROM case_file WHERE eighteen_on BETWEEN ? AND ? ORDER BY duf_number""")) {
                ps.setObject(1, Date.valueOf(from));
                ps.setObject(2, Date.valueOf(to));
                return rows(ps);
            }
        });
    }

    /** Case files awaiting settlement since {@code atMost} or earlier, with the last update that went to IMDi. */
    public List<Case> awaitingSettlementSince(Instant atMost) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("""
                    SELECT f.duf_number, f.eighteen_on, f.awaiting_settlement_since, f.last_event_key, f.last_event_time, f.state,
                           (SELECT MAX(e.event_time) FROM notice n JOIN inbound_event e ON e.event_key = n.event_key
                            WHERE n.duf_number = f.duf_number AND n.duty = 'O30' AND n.role = 'IMDI' AND n.status <> 'CANCELLED'
                              AND e.type = 'no.udi.mot.mapping.updated.v1' AND e.event_time >= f.awaiting_settlement_since)
                    FROM case_file f WHERE f.awaiting_settlement_since <= ? ORDER BY f.duf_number""")) {
                ps.setObject(1, atMost.atOffset(ZoneOffset.UTC));
                return rows(ps);
            }
        });
    }

    /** Whether an event with this key is stored, whatever its status. */
    public boolean stored(String eventKey) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("SELECT 1 FROM inbound_event WHERE event_key = ?")) {
                ps.setString(1, eventKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** The {@code data} of a stored event. */
    public Optional<JsonNode> data(String eventKey) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("SELECT payload FROM inbound_event WHERE event_key = ?")) {
                ps.setString(1, eventKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs.getString(1)).path("data")) : Optional.empty();
                }
            }
        });
    }

    private static List<Case> rows(PreparedStatement ps) throws SQLException {
        List<Case> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Date eighteen = rs.getDate(2);
                out.add(new Case(rs.getString(1), eighteen == null ? null : eighteen.toLocalDate(), instant(rs.getObject(3, OffsetDateTime.class)),
                        rs.getString(4), instant(rs.getObject(5, OffsetDateTime.class)), read(rs.getString(6)),
                        instant(rs.getObject(7, OffsetDateTime.class))));
            }
        }
        return out;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the hub writes case files and payloads as JSON", e);
        }
    }
}
