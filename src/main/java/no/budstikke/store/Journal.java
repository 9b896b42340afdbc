package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import no.budstikke.model.Rfc3339;

/**
 * Answers "who was told what, when, under which rule and legal basis, and did it arrive", per
 * event and per case, from what the hub stored as it went: the event, each notice with the
 * document that was sent and the fields that were withheld, each unresolved duty, each attempt
 * and each ops action, each deadline the event started (started, at risk, met, breached, ended) and
 * each alert raised about it. It only reads; the pipeline writes.
 */
public final class Journal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions transactions;
    private final AlertHistory alerts;
    private final DispatchGaps gaps;
    private final DeadlineRuns deadlines = new DeadlineRuns();

    public Journal(Transactions transactions, AlertHistory alerts, DispatchGaps gaps) {
        this.transactions = transactions;
        this.alerts = alerts;
        this.gaps = gaps;
    }

    /** The timeline of one event, oldest first; empty if there is no such event. */
    public Optional<ObjectNode> event(String eventKey) {
        return transactions.read(c -> eventTimeline(c, eventKey));
    }

    /** The timelines of every event of one case, in the order the hub received them. */
    public ObjectNode caseOf(String dufNumber) {
        return transactions.read(c -> {
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            ArrayNode events = doc.putArray("events");
            try (PreparedStatement ps = c.connection().prepareStatement("SELECT event_key FROM inbound_event WHERE duf_number = ? ORDER BY seq")) {
                ps.setString(1, dufNumber);
                List<String> keys = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) keys.add(rs.getString(1));
                }
                for (String key : keys) eventTimeline(c, key).ifPresent(events::add);
            }
            return doc;
        });
    }

    private Optional<ObjectNode> eventTimeline(Transaction c, String key) throws SQLException {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.connection().prepareStatement("""
                SELECT source, event_id, type, event_time, received_at, channel, status, purged_at, purge_reason
                FROM inbound_event WHERE event_key = ?""")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                doc.put("key", key).put("source", rs.getString(1)).put("id", rs.getString(2)).put("type", rs.getString(3))
                        .put("time", Rfc3339.format(rs.getObject(4, OffsetDateTime.class))).put("status", rs.getString(7));
                OffsetDateTime received = rs.getObject(5, OffsetDateTime.class);
                entries.add(new Entry(received, node("received").put("channel", rs.getString(6))));
                // Retention or an erasure blanked the personal data; what follows is the journal's metadata.
                OffsetDateTime purged = rs.getObject(8, OffsetDateTime.class);
                if (purged != null) entries.add(new Entry(purged, node("personal data removed").put("reason", rs.getString(9))));
            }
        }
        try (PreparedStatement ps = c.connection().prepareStatement("""
                SELECT notice_id, duty, is_copy, kind, priority, role, office_id, channel, purpose, legal_basis,
                       removed_fields, document, status, created_at, config_version
                FROM notice WHERE event_key = ? ORDER BY priority_rank, duty, office_id""")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode n = node("notice decided").put("noticeId", rs.getString(1)).put("duty", rs.getString(2))
                            .put("copy", rs.getBoolean(3)).put("kind", rs.getString(4)).put("priority", rs.getString(5))
                            .put("role", rs.getString(6)).put("officeId", rs.getString(7)).put("channel", rs.getString(8))
                            .put("purpose", rs.getString(9)).put("legalBasis", rs.getString(10)).put("status", rs.getString(13));
                    n.set("removedFields", read(rs.getString(11)));
                    n.set("document", read(rs.getString(12)));
                    // The config version (docs/config-reload.md) that decided it; absent for notices the hub raised itself.
                    if (rs.getString(15) != null) n.put("configVersion", rs.getString(15));
                    entries.add(new Entry(rs.getObject(14, OffsetDateTime.class), n));
                }
            }
        }
        for (DispatchGaps.Gap g : gaps.forEvent(c, key)) {
            // Shown as open until ops resolve it, then with who resolved it and the notice that went.
            ObjectNode n = node("recipient unresolved").put("gapId", g.id()).put("duty", g.duty()).put("role", g.role())
                    .put("reason", g.reason()).put("priority", g.priority()).put("status", g.open() ? "OPEN" : "RESOLVED");
            if (g.municipality() != null) n.put("municipality", g.municipality());
            if (g.fallbackOfficeId() != null) n.put("fallbackOfficeId", g.fallbackOfficeId());
            entries.add(new Entry(g.createdAt(), n));
            if (!g.open()) {
                entries.add(new Entry(g.resolvedAt(), node("recipient resolved").put("gapId", g.id()).put("duty", g.duty())
                        .put("role", g.role()).put("noticeId", g.resolvedNoticeId()).put("by", g.resolvedBy())));
            }
        }
        try (PreparedStatement ps = c.connection().prepareStatement("""
                SELECT a.notice_id, a.attempt, a.channel, a.started_at, a.finished_at, a.outcome, a.detail, a.next_attempt_at, n.office_id
                FROM delivery_attempt a JOIN notice n ON n.notice_id = a.notice_id WHERE n.event_key = ? ORDER BY a.id""")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode n = node("delivery attempt").put("noticeId", rs.getString(1)).put("attempt", rs.getInt(2))
                            .put("channel", rs.getString(3)).put("officeId", rs.getString(9))
                            .put("startedAt", Rfc3339.format(rs.getObject(4, OffsetDateTime.class)))
                            .put("outcome", rs.getString(6)).put("detail", rs.getString(7));
                    OffsetDateTime next = rs.getObject(8, OffsetDateTime.class);
                    if (next != null) n.put("nextAttemptAt", Rfc3339.format(next));
                    entries.add(new Entry(rs.getObject(5, OffsetDateTime.class), n));
                }
            }
        }
        try (PreparedStatement ps = c.connection().prepareStatement("""
                SELECT a.notice_id, a.action, a.actor, a.at FROM notice_action a JOIN notice n ON n.notice_id = a.notice_id
                WHERE n.event_key = ? ORDER BY a.id""")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getObject(4, OffsetDateTime.class), node("ops action")
                            .put("noticeId", rs.getString(1)).put("action", rs.getString(2)).put("actor", rs.getString(3))));
                }
            }
        }
        for (DeadlineRun r : deadlines.forEvent(c, key)) entries.addAll(deadlineEntries(r));
        for (StoredAlert a : alerts.forEvent(c, key)) {
            ObjectNode n = node("alert raised").put("alertId", a.id()).put("kind", a.kind()).put("subject", a.subject())
                    .put("detail", a.detail());
            if (a.noticeId() != null) n.put("noticeId", a.noticeId());
            if (a.acknowledgedAt() != null) {
                n.put("acknowledgedBy", a.acknowledgedBy()).put("acknowledgedAt", Rfc3339.format(a.acknowledgedAt()));
            }
            entries.add(new Entry(a.raisedAt(), n));
        }
        ArrayNode timeline = doc.putArray("timeline");
        entries.stream().sorted(Comparator.comparing(Entry::at)).forEach(e -> timeline.add(e.node().put("at", Rfc3339.format(e.at()))));
        return Optional.of(doc);
    }

    /** A deadline run as timeline entries: started, then at risk, met, breached or ended as it happened. */
    private static List<Entry> deadlineEntries(DeadlineRun r) {
        List<Entry> out = new ArrayList<>();
        ObjectNode started = deadline("deadline started", r).put("round", r.round()).put("dueAt", text(r.dueAt()))
                .put("atRiskAt", text(r.atRiskAt())).put("status", r.status());
        if (r.udiRegion() != null) started.put("udiRegion", r.udiRegion());
        out.add(new Entry(at(r.startedAt()), started));
        if (r.atRiskAlertedAt() != null) {
            out.add(new Entry(at(r.atRiskAlertedAt()), deadline("deadline at risk", r).put("dueAt", text(r.dueAt()))));
        }
        if (DeadlineState.BREACHED.name().equals(r.status())) {
            out.add(new Entry(at(r.dueAt()), deadline("deadline breached", r).put("markedAt", text(r.breachedAt()))));
        }
        if (r.closedAt() != null) {
            String what = switch (DeadlineState.valueOf(r.status())) {
                case ENDED -> "deadline ended";
                case BREACHED -> "deadline met late";
                default -> "deadline met";
            };
            out.add(new Entry(at(r.closedAt()), deadline(what, r).put("closedBy", r.closedBy())));
        }
        return out;
    }

    private static ObjectNode deadline(String what, DeadlineRun r) {
        return node(what).put("deadlineId", r.deadlineId()).put("runId", r.id());
    }

    private static OffsetDateTime at(java.time.Instant t) {
        return t.atOffset(java.time.ZoneOffset.UTC);
    }

    private static String text(java.time.Instant t) {
        return t == null ? null : Rfc3339.format(at(t));
    }

    private static ObjectNode node(String what) {
        return JsonNodeFactory.instance.objectNode().put("what", what);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("journal columns hold JSON written by the hub", e);
        }
    }

    private record Entry(OffsetDateTime at, ObjectNode node) {
    }
}
