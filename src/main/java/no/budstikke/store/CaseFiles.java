package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.budstikke.casefile.CaseEvent;
import no.budstikke.casefile.CaseFile;
import no.budstikke.casefile.CaseHistory;
import no.budstikke.dispatch.model.Channel;
import no.budstikke.dispatch.model.Office;
import no.budstikke.dispatch.model.Role;
import no.budstikke.dispatch.model.Serves;

/**
 * Case memory in the database: each case file is replayed from the case's dispatched events and
 * the journal's record of who was told, and kept in {@code case_file} (with its running AMOT
 * agreements in {@code case_agreement}) for schedules and ops. Writes happen in the caller's
 * transaction, the one that dispatches the event.
 */
public final class CaseFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Serves NOWHERE = new Serves(false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    private static final String CONTACT_PREFIX = "contact:";

    private final Jdbc jdbc;
    private final Clock clock;

    public CaseFiles(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Serialises work on one case across instances: two events of the same case dispatched at once
     * would each replay without the other. Takes the case file's row lock until the transaction ends.
     */
    public void lock(Connection c, String dufNumber) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT duf_number FROM case_file WHERE duf_number = ? FOR UPDATE")) {
            ps.setString(1, dufNumber);
            ps.executeQuery().close();
        }
    }

    /** The case as the event {@code eventKey} found it: its dispatched events that come before it in event time. */
    public Optional<CaseFile> asFoundBy(Connection c, String dufNumber, String eventKey) throws SQLException {
        List<CaseEvent> all = events(c, dufNumber, eventKey);
        CaseEvent current = all.stream().filter(e -> e.key().equals(eventKey)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the event is not stored under this case"));
        return CaseHistory.replay(dufNumber, all.stream().filter(e -> CaseHistory.ORDER.compare(e, current) < 0).toList());
    }

    /** Whether the turning-18 request (O9) was decided for this person by any event so far. */
    public boolean turning18Requested(Connection c, String dufNumber) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT 1 FROM notice n JOIN inbound_event e ON e.event_key = n.event_key
                WHERE e.duf_number = ? AND n.duty = 'O9' AND n.status <> 'CANCELLED' LIMIT 1""")) {
            ps.setString(1, dufNumber);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Replays the whole case (its dispatched events and {@code eventKey}) and stores the result. */
    public CaseFile record(Connection c, String dufNumber, String eventKey) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        CaseFile file = replay(c, dufNumber, eventKey);
        if (write(c, UPDATE, file, now) == 0 && write(c, INSERT, file, now) == 0) {
            // Another instance stored this case's first file meanwhile: wait for its lock, then replay with its event too.
            lock(c, dufNumber);
            file = replay(c, dufNumber, eventKey);
            write(c, UPDATE, file, now);
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM case_agreement WHERE duf_number = ?")) {
            ps.setString(1, dufNumber);
            ps.executeUpdate();
        }
        for (CaseFile.Agreement a : file.agreements()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO case_agreement (duf_number, agreement_id, municipality_number, signed_at, event_key)
                    VALUES (?, ?, ?, ?, ?)""")) {
                ps.setString(1, dufNumber);
                ps.setString(2, a.agreementId());
                ps.setString(3, a.municipalityNumber());
                ps.setObject(4, a.signedAt() == null ? null : a.signedAt().atOffset(ZoneOffset.UTC));
                ps.setString(5, a.eventKey());
                ps.executeUpdate();
            }
        }
        return file;
    }

    private static final String UPDATE = """
            UPDATE case_file SET birth_date = ?, eighteen_on = ?, awaiting_settlement_since = ?, last_centre_id = ?,
                   last_event_key = ?, last_event_time = ?, state = ?, updated_at = ? WHERE duf_number = ?""";
    private static final String INSERT = """
            INSERT INTO case_file (birth_date, eighteen_on, awaiting_settlement_since, last_centre_id, last_event_key,
                                   last_event_time, state, updated_at, duf_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private static CaseFile replay(Connection c, String dufNumber, String eventKey) throws SQLException {
        return CaseHistory.replay(dufNumber, events(c, dufNumber, eventKey))
                .orElseThrow(() -> new IllegalArgumentException("the event is not stored under this case"));
    }

    private static int write(Connection c, String sql, CaseFile f, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, f, now);
            return ps.executeUpdate();
        }
    }

    /** The stored case file as JSON, for ops. */
    public Optional<ObjectNode> json(String dufNumber) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state, updated_at FROM case_file WHERE duf_number = ?")) {
                ps.setString(1, dufNumber);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    ObjectNode n = (ObjectNode) read(rs.getString(1));
                    n.put("updatedAt", no.budstikke.config.Rfc3339.format(rs.getObject(2, OffsetDateTime.class)));
                    return Optional.of(n);
                }
            }
        });
    }

    private static void bind(PreparedStatement ps, CaseFile f, OffsetDateTime now) throws SQLException {
        ps.setObject(1, f.birthDate() == null ? null : Date.valueOf(f.birthDate()));
        ps.setObject(2, f.eighteenOn() == null ? null : Date.valueOf(f.eighteenOn()));
        ps.setObject(3, f.awaitingSettlementSince() == null ? null : f.awaitingSettlementSince().atOffset(ZoneOffset.UTC));
        ps.setString(4, f.centre() == null ? null : f.centre().id());
        ps.setString(5, f.lastEventKey());
        ps.setObject(6, f.lastEventTime().atOffset(ZoneOffset.UTC));
        ps.setString(7, f.toJson().toString());
        ps.setObject(8, now);
        ps.setString(9, f.dufNumber());
    }

    /** The case's dispatched events, and {@code alsoKey} whatever its status, with the offices told of disappearances. */
    private static List<CaseEvent> events(Connection c, String dufNumber, String alsoKey) throws SQLException {
        Map<String, List<Office>> told = told(c, dufNumber);
        List<CaseEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT event_key, type, event_time, seq, payload FROM inbound_event
                WHERE duf_number = ? AND (status = 'DISPATCHED' OR event_key = ?)""")) {
            ps.setString(1, dufNumber);
            ps.setString(2, alsoKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    out.add(new CaseEvent(key, rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getLong(4),
                            read(rs.getString(5)).path("data"), told.getOrDefault(key, List.of())));
                }
            }
        }
        return out;
    }

    private static Map<String, List<Office>> told(Connection c, String dufNumber) throws SQLException {
        Map<String, List<Office>> byEvent = new HashMap<>();
        String duties = String.join(", ", CaseHistory.DISAPPEARANCE_DUTIES.stream().map(d -> "'" + d + "'").sorted().toList());
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT n.event_key, n.role, n.office_id, n.office_name, n.channel, n.address
                FROM notice n JOIN inbound_event e ON e.event_key = n.event_key
                WHERE e.duf_number = ? AND n.status <> 'CANCELLED' AND n.duty IN (""" + duties + ") ORDER BY n.created_at, n.notice_id")) {
            ps.setString(1, dufNumber);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String officeId = rs.getString(3);
                    Office o = new Office(officeId, Role.valueOf(rs.getString(2)), rs.getString(4), Channel.valueOf(rs.getString(5)),
                            rs.getString(6), NOWHERE, officeId.startsWith(CONTACT_PREFIX));
                    byEvent.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(o);
                }
            }
        }
        return byEvent;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored payloads are JSON written by the hub", e);
        }
    }
}
