package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
import no.budstikke.model.CaseEvent;
import no.budstikke.model.CaseFile;
import no.budstikke.model.CaseHistory;
import no.budstikke.model.Channel;
import no.budstikke.model.Office;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;

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
    private static final String TURNING_18_DUTY = "O9";
    /** The duties whose notices the history needs: the disappearance duties (who was told) and O9. */
    private static final String JOURNAL_DUTIES = String.join(", ", java.util.stream.Stream.concat(
            CaseHistory.DISAPPEARANCE_DUTIES.stream(), java.util.stream.Stream.of(TURNING_18_DUTY)).sorted().map(d -> "'" + d + "'").toList());

    private final Transactions transactions;
    private final Clock clock;

    public CaseFiles(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Serialises work on one case across instances: two events of the same case dispatched at once
     * would each replay without the other. Takes the case file's row lock until the transaction ends.
     */
    public void lock(Transaction c, String dufNumber) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement("SELECT duf_number FROM case_file WHERE duf_number = ? FOR UPDATE")) {
            ps.setString(1, dufNumber);
            ps.executeQuery().close();
        }
    }

    /**
     * A case's history, read once per dispatch: its dispatched events (and the one being dispatched)
     * with the offices told of each disappearance, and whether the turning-18 request went.
     */
    public record History(String dufNumber, List<CaseEvent> events, boolean turning18Requested) {

        /** The case as the event found it: the events before it in event time. */
        public Optional<CaseFile> before(String eventKey) {
            CaseEvent current = event(eventKey);
            return CaseHistory.replay(dufNumber, events.stream().filter(e -> CaseHistory.ORDER.compare(e, current) < 0).toList());
        }

        /** The case with every event applied, the event's own disappearance notices ({@code told}, decided just now) included. */
        public CaseFile after(String eventKey, List<Office> told) {
            CaseEvent current = event(eventKey);
            List<CaseEvent> all = new ArrayList<>(events);
            all.set(all.indexOf(current), new CaseEvent(current.key(), current.type(), current.time(), current.seq(), current.data(),
                    List.copyOf(told)));
            return CaseHistory.replay(dufNumber, all).orElseThrow();
        }

        private CaseEvent event(String eventKey) {
            return events.stream().filter(e -> e.key().equals(eventKey)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the event is not stored under this case"));
        }
    }

    /** The case's history as the event {@code eventKey}, being dispatched, sees it. */
    public History history(Transaction c, String dufNumber, String eventKey) throws SQLException {
        List<StoredEvent> stored = new ArrayList<>();
        try (PreparedStatement ps = c.connection().prepareStatement("""
                SELECT event_key, type, event_time, seq, payload FROM inbound_event
                WHERE duf_number = ? AND (status = 'DISPATCHED' OR event_key = ?)""")) {
            ps.setString(1, dufNumber);
            ps.setString(2, eventKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(new StoredEvent(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getLong(4), rs.getString(5)));
                }
            }
        }
        Map<String, List<Office>> told = new HashMap<>();
        boolean turning18 = false;
        try (PreparedStatement ps = c.connection().prepareStatement("""
                SELECT event_key, duty, role, office_id, office_name, channel, address FROM notice
                WHERE duf_number = ? AND duty IN (""" + JOURNAL_DUTIES + ") AND status <> 'CANCELLED' ORDER BY created_at, notice_id")) {
            ps.setString(1, dufNumber);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (TURNING_18_DUTY.equals(rs.getString(2))) {
                        turning18 = true;
                        continue;
                    }
                    told.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(toldOffice(rs));
                }
            }
        }
        List<CaseEvent> events = new ArrayList<>(stored.size());
        for (StoredEvent e : stored) {
            events.add(new CaseEvent(e.key(), e.type(), e.time(), e.seq(), read(e.payload()).path("data"),
                    told.getOrDefault(e.key(), List.of())));
        }
        return new History(dufNumber, List.copyOf(events), turning18);
    }

    /** The office a stored disappearance notice told, from the columns (event_key, duty, role, office_id, office_name, channel, address). */
    private static Office toldOffice(ResultSet rs) throws SQLException {
        String officeId = rs.getString(4);
        return new Office(officeId, Role.valueOf(rs.getString(3)), rs.getString(5), Channel.valueOf(rs.getString(6)), rs.getString(7),
                NOWHERE, officeId.startsWith(CONTACT_PREFIX));
    }

    /**
     * The dispatched events of several cases at once, up to intake position {@code upToSeq}, with the
     * offices told of each disappearance and the events whose dispatch decided the turning-18 request:
     * what a shadow run needs to give each event the case as it found it, one read for a page of events.
     */
    public record Dispatched(String dufNumber, List<CaseEvent> events, Set<String> turning18EventKeys) {

        /** The history event {@code eventKey} (at {@code seq}) saw when it was dispatched: the events received before it. */
        public History asSeenBy(String eventKey, long seq) {
            List<CaseEvent> upTo = events.stream().filter(e -> e.seq() <= seq).toList();
            boolean turning18 = upTo.stream().anyMatch(e -> e.seq() < seq && turning18EventKeys.contains(e.key()));
            return new History(dufNumber, upTo, turning18);
        }
    }

    /** {@link Dispatched} for each of {@code dufNumbers} that has dispatched events up to {@code upToSeq}. */
    public Map<String, Dispatched> dispatched(Transaction c, java.util.Collection<String> dufNumbers, long upToSeq) throws SQLException {
        if (dufNumbers.isEmpty()) return Map.of();
        String marks = String.join(", ", java.util.Collections.nCopies(dufNumbers.size(), "?"));
        Map<String, List<StoredEvent>> stored = new HashMap<>();
        try (PreparedStatement ps = c.connection().prepareStatement("SELECT duf_number, event_key, type, event_time, seq, payload FROM inbound_event "
                + "WHERE duf_number IN (" + marks + ") AND status = 'DISPATCHED' AND seq <= ? ORDER BY seq")) {
            int i = 1;
            for (String duf : dufNumbers) ps.setString(i++, duf);
            ps.setLong(i, upToSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new StoredEvent(rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getLong(5), rs.getString(6)));
                }
            }
        }
        Map<String, List<Office>> told = new HashMap<>();
        Map<String, Set<String>> turning18 = new HashMap<>();
        try (PreparedStatement ps = c.connection().prepareStatement("SELECT event_key, duty, role, office_id, office_name, channel, address, duf_number "
                + "FROM notice WHERE duf_number IN (" + marks + ") AND duty IN (" + JOURNAL_DUTIES + ") AND status <> 'CANCELLED' "
                + "ORDER BY created_at, notice_id")) {
            int i = 1;
            for (String duf : dufNumbers) ps.setString(i++, duf);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (TURNING_18_DUTY.equals(rs.getString(2))) {
                        turning18.computeIfAbsent(rs.getString(8), k -> new java.util.HashSet<>()).add(rs.getString(1));
                    } else {
                        told.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(toldOffice(rs));
                    }
                }
            }
        }
        Map<String, Dispatched> out = new HashMap<>();
        stored.forEach((duf, list) -> {
            List<CaseEvent> events = new ArrayList<>(list.size());
            for (StoredEvent e : list) {
                events.add(new CaseEvent(e.key(), e.type(), e.time(), e.seq(), read(e.payload()).path("data"),
                        told.getOrDefault(e.key(), List.of())));
            }
            out.put(duf, new Dispatched(duf, List.copyOf(events), Set.copyOf(turning18.getOrDefault(duf, Set.of()))));
        });
        return out;
    }

    /** Whether the turning-18 request (O9) was decided for this person by any event so far. */
    public boolean turning18Requested(Transaction c, String dufNumber) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement("""
                SELECT 1 FROM notice WHERE duf_number = ? AND duty = 'O9' AND status <> 'CANCELLED' LIMIT 1""")) {
            ps.setString(1, dufNumber);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Stores the case with the event applied: {@code told} are the event's own disappearance notices,
     * decided in this transaction.
     */
    public CaseFile record(Transaction c, History history, String eventKey, List<Office> told) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        CaseFile file = history.after(eventKey, told);
        if (write(c, UPDATE, file, now) == 0 && write(c, INSERT, file, now) == 0) {
            // Another instance stored this case's first file meanwhile: wait for its lock, then replay with its event too.
            lock(c, history.dufNumber());
            file = history(c, history.dufNumber(), eventKey).after(eventKey, told);
            write(c, UPDATE, file, now);
        }
        try (PreparedStatement ps = c.connection().prepareStatement("DELETE FROM case_agreement WHERE duf_number = ?")) {
            ps.setString(1, history.dufNumber());
            ps.executeUpdate();
        }
        for (CaseFile.Agreement a : file.agreements()) {
            try (PreparedStatement ps = c.connection().prepareStatement("""
                    INSERT INTO case_agreement (duf_number, agreement_id, municipality_number, signed_at, event_key)
                    VALUES (?, ?, ?, ?, ?)""")) {
                ps.setString(1, history.dufNumber());
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

    private static int write(Transaction c, String sql, CaseFile f, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(sql)) {
            bind(ps, f, now);
            return ps.executeUpdate();
        }
    }

    /** The stored case file as JSON, for ops. */
    public Optional<ObjectNode> json(String dufNumber) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("SELECT state, updated_at FROM case_file WHERE duf_number = ?")) {
                ps.setString(1, dufNumber);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    ObjectNode n = (ObjectNode) read(rs.getString(1));
                    n.put("updatedAt", no.budstikke.model.Rfc3339.format(rs.getObject(2, OffsetDateTime.class)));
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

    private record StoredEvent(String key, String type, java.time.Instant time, long seq, String payload) {
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored payloads are JSON written by the hub", e);
        }
    }
}
