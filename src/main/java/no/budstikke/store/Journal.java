package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
        return transactions.read(tx -> eventTimeline(tx, eventKey));
    }

    /** The timelines of every event of one case, in the order the hub received them. */
    public ObjectNode caseOf(String dufNumber) {
        return transactions.read(tx -> {
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            ArrayNode events = doc.putArray("events");
            for (String key : tx.attach(JournalSql.class).eventKeysOfCase(dufNumber)) eventTimeline(tx, key).ifPresent(events::add);
            return doc;
        });
    }

    private Optional<ObjectNode> eventTimeline(Transaction tx, String key) {
        JournalSql sql = tx.attach(JournalSql.class);
        Optional<JournalSql.EventRow> found = sql.event(key);
        if (found.isEmpty()) return Optional.empty();
        JournalSql.EventRow event = found.get();
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        List<Entry> entries = new ArrayList<>();
        doc.put("key", key).put("source", event.source()).put("id", event.eventId()).put("type", event.type())
                .put("time", Rfc3339.format(event.eventTime())).put("status", event.status().name());
        entries.add(new Entry(event.receivedAt(), node("received").put("channel", event.channel())));
        // Retention or an erasure blanked the personal data; what follows is the journal's metadata.
        if (event.purgedAt() != null) {
            entries.add(new Entry(event.purgedAt(), node("personal data removed").put("reason", event.purgeReason())));
        }
        for (JournalSql.NoticeRow r : sql.notices(key)) {
            ObjectNode n = node("notice decided").put("noticeId", r.noticeId()).put("duty", r.duty())
                    .put("copy", r.copy()).put("kind", r.kind()).put("priority", r.priority())
                    .put("role", r.role()).put("officeId", r.officeId()).put("channel", r.channel())
                    .put("purpose", r.purpose()).put("legalBasis", r.legalBasis()).put("status", r.status().name());
            n.set("removedFields", read(r.removedFields()));
            n.set("document", read(r.document()));
            // The config version (docs/config-reload.md) that decided it; absent for notices the hub raised itself.
            if (r.configVersion() != null) n.put("configVersion", r.configVersion());
            entries.add(new Entry(r.createdAt(), n));
        }
        for (DispatchGaps.Gap g : gaps.forEvent(tx, key)) {
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
        for (JournalSql.AttemptRow a : sql.attempts(key)) {
            ObjectNode n = node("delivery attempt").put("noticeId", a.noticeId()).put("attempt", a.attempt())
                    .put("channel", a.channel()).put("officeId", a.officeId())
                    .put("startedAt", Rfc3339.format(a.startedAt()))
                    .put("outcome", a.outcome()).put("detail", a.detail());
            if (a.nextAttemptAt() != null) n.put("nextAttemptAt", Rfc3339.format(a.nextAttemptAt()));
            entries.add(new Entry(a.finishedAt(), n));
        }
        for (JournalSql.ActionRow a : sql.actions(key)) {
            entries.add(new Entry(a.at(), node("ops action").put("noticeId", a.noticeId()).put("action", a.action()).put("actor", a.actor())));
        }
        for (DeadlineRun r : deadlines.forEvent(tx, key)) entries.addAll(deadlineEntries(r));
        for (StoredAlert a : alerts.forEvent(tx, key)) {
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
                .put("atRiskAt", text(r.atRiskAt())).put("status", r.state().name());
        if (r.udiRegion() != null) started.put("udiRegion", r.udiRegion());
        out.add(new Entry(at(r.startedAt()), started));
        if (r.atRiskAlertedAt() != null) {
            out.add(new Entry(at(r.atRiskAlertedAt()), deadline("deadline at risk", r).put("dueAt", text(r.dueAt()))));
        }
        if (r.state() == DeadlineState.BREACHED) {
            out.add(new Entry(at(r.dueAt()), deadline("deadline breached", r).put("markedAt", text(r.breachedAt()))));
        }
        if (r.closedAt() != null) {
            String what = switch (r.state()) {
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
