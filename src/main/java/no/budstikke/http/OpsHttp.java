package no.budstikke.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import no.budstikke.auth.Credential;
import no.budstikke.model.Rfc3339;
import no.budstikke.contract.Violation;
import no.budstikke.store.EventStatus;
import no.budstikke.store.EventStore;
import no.budstikke.store.DispatchGaps;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.QuarantineEntry;
import no.budstikke.store.QuarantineStore;

/** Read-only ops views: event status and the quarantine. */
public final class OpsHttp {

    static final int MAX_PAGE = 500;
    private static final String FILE_CHANNEL = "file";

    private final EventStore events;
    private final QuarantineStore quarantine;
    private final NoticeStore notices;
    private final DispatchGaps gaps;

    public OpsHttp(EventStore events, QuarantineStore quarantine, NoticeStore notices, DispatchGaps gaps) {
        this.events = events;
        this.quarantine = quarantine;
        this.notices = notices;
        this.gaps = gaps;
    }

    /** An event's processing status, for ops and for the sender that owns its source. */
    public HttpAnswer eventStatus(String key, Credential caller) {
        Optional<EventStatus> status = key == null || !key.matches("[0-9a-f]{32}") ? Optional.empty() : events.status(key);
        if (status.isEmpty() || !(caller.ops() || caller.mayPublish(status.get().source()))) {
            // The same answer for "unknown" and "not yours": a key says nothing about someone else's events.
            return Problems.notFound("no event with this key is visible to this credential");
        }
        EventStatus s = status.get();
        ObjectNode n = HttpAnswer.object();
        n.put("key", s.key());
        n.put("source", s.source());
        n.put("id", s.id());
        n.put("type", s.type());
        n.put("channel", s.channel());
        n.put("receivedAt", Rfc3339.format(s.receivedAt()));
        n.put("status", s.status().name());
        n.put("statusChangedAt", Rfc3339.format(s.statusChangedAt()));
        ArrayNode list = n.putArray("notices");
        for (NoticeStore.NoticeSummary ns : notices.forEvent(s.key())) {
            list.addObject().put("noticeId", ns.noticeId()).put("duty", ns.duty()).put("copy", ns.copy())
                    .put("priority", ns.priority()).put("role", ns.role()).put("officeId", ns.officeId())
                    .put("channel", ns.channel().toLowerCase(java.util.Locale.ROOT)).put("status", ns.status().name());
        }
        n.put("unresolved", gaps.count(s.key()));
        return HttpAnswer.json(200, n);
    }

    public HttpAnswer listQuarantine(String limit, String before) {
        Optional<Integer> size = number(limit, 50).map(Long::intValue).filter(n -> n >= 1 && n <= MAX_PAGE);
        Optional<Long> beforeId = before == null || before.isBlank() ? Optional.of(Long.MAX_VALUE) : number(before, 0);
        if (size.isEmpty() || beforeId.isEmpty()) {
            return Problems.badRequest("'limit' must be a whole number from 1 to " + MAX_PAGE + " and 'before' a quarantine id");
        }
        List<QuarantineEntry> page = quarantine.list(size.get(), beforeId.get());
        ArrayNode entries = HttpAnswer.JSON.createArrayNode();
        page.forEach(e -> entries.add(metadata(e, false)));
        ObjectNode body = HttpAnswer.object();
        body.set("entries", entries);
        if (page.size() == size.get()) {
            body.put("next", "/api/v1/quarantine?limit=" + size.get() + "&before=" + page.get(page.size() - 1).id());
        }
        return HttpAnswer.json(200, body);
    }

    /**
     * One entry. Its raw bytes (base64) and file name are what the sender sent, unchecked, so they
     * may hold anything, health data included: only for the role ops-pii.
     */
    public HttpAnswer quarantineEntry(String id, Credential caller) {
        Optional<QuarantineEntry> entry = number(id, -1).flatMap(quarantine::get);
        if (entry.isEmpty()) return Problems.notFound("no quarantine entry with this id");
        boolean full = caller.maySeeHealthData();
        ObjectNode n = metadata(entry.get(), full);
        if (full) {
            n.put("rawBase64", Base64.getEncoder().encodeToString(entry.get().rawBytes()));
        } else {
            n.put("rawWithheld", "the raw input may hold health data; it is shown to credentials with the role "
                    + Credential.OPS_PII);
        }
        return HttpAnswer.json(200, n);
    }

    /**
     * What was rejected, when, from whom and why, never what was sent: pointers keep only the
     * contract's names. A dropped file's name is the sender's choice too, and shown only in {@code full}.
     */
    private static ObjectNode metadata(QuarantineEntry e, boolean full) {
        ObjectNode n = HttpAnswer.object();
        n.put("id", e.id());
        n.put("receivedAt", Rfc3339.format(e.receivedAt()));
        n.put("channel", e.channel());
        n.put("origin", full || !FILE_CHANNEL.equals(e.channel()) ? e.origin() : MaskedPointer.MASK);
        n.put("reason", e.reason());
        n.set("violations", Problems.violations(e.violations().stream()
                .map(v -> new Violation(MaskedPointer.of(v.pointer()), v.message())).toList()));
        n.put("rawSize", e.rawSize());
        n.put("truncated", e.truncated());
        return n;
    }

    private static Optional<Long> number(String text, long fallback) {
        if (text == null || text.isBlank()) return Optional.of(fallback);
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
