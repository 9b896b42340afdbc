package no.budstikke.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import no.budstikke.store.NoticeStatus;
import no.budstikke.auth.Credential;
import no.budstikke.model.Rfc3339;
import no.budstikke.delivery.Outbox;
import no.budstikke.store.Journal;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.NoticeStore.NoticeState;

/**
 * The delivery ops API: notices by status, one notice's state, replay and cancel, and the
 * journal per event and per case. Ops credentials only. A case is looked up by DUF number in a
 * POST body, never in a URL, where proxies and access logs would keep it. The journal's notice
 * documents hold health data only for the role ops-pii.
 */
public final class NoticesHttp {

    static final Set<String> STATUSES = Set.of(NoticeStatus.CREATED.name(), NoticeStatus.SENDING.name(), NoticeStatus.DELIVERED.name(),
            NoticeStatus.FAILED.name(), NoticeStatus.DEAD.name(), NoticeStatus.CANCELLED.name());

    private final NoticeStore notices;
    private final Outbox outbox;
    private final Journal journal;

    public NoticesHttp(NoticeStore notices, Outbox outbox, Journal journal) {
        this.notices = notices;
        this.outbox = outbox;
        this.journal = journal;
    }

    /** {@code GET /api/v1/notices?status=DEAD,FAILED&office=...&limit=...} */
    public HttpAnswer list(String status, String office, String limit) {
        List<String> wanted = QueryParams.statuses(status, List.of(NoticeStatus.DEAD.name(), NoticeStatus.FAILED.name()));
        Optional<Integer> size = QueryParams.limit(limit);
        if (!STATUSES.containsAll(wanted) || size.isEmpty()) {
            return Problems.badRequest("'status' must be a comma-separated list of " + STATUSES + " and 'limit' 1 to "
                    + QueryParams.MAX_LIMIT);
        }
        ArrayNode list = HttpAnswer.JSON.createArrayNode();
        notices.list(wanted.stream().map(NoticeStatus::valueOf).toList(), office == null || office.isBlank() ? null : office, size.get()).forEach(n -> list.add(describe(n)));
        ObjectNode body = HttpAnswer.object();
        body.set("notices", list);
        return HttpAnswer.json(200, body);
    }

    /** {@code GET /api/v1/notices/{id}} */
    public HttpAnswer get(String id) {
        return notices.state(id).map(n -> HttpAnswer.json(200, describe(n)))
                .orElseGet(() -> Problems.notFound("no notice with this id"));
    }

    /** {@code POST /api/v1/notices/{id}/replay}: sent again with the same id, so the recipient can recognise a repeat. */
    public HttpAnswer replay(String id, Credential ops) {
        if (notices.state(id).isEmpty()) return Problems.notFound("no notice with this id");
        if (!outbox.replay(id, ops.name())) {
            return Problems.answer(Problems.problem(409, "conflict", "The notice cannot be replayed now",
                    "only DEAD, FAILED or CANCELLED notices can be replayed"));
        }
        return get(id);
    }

    /** {@code POST /api/v1/notices/{id}/cancel} */
    public HttpAnswer cancel(String id, Credential ops) {
        if (notices.state(id).isEmpty()) return Problems.notFound("no notice with this id");
        if (!outbox.cancel(id, ops.name())) {
            return Problems.answer(Problems.problem(409, "conflict", "The notice cannot be cancelled now",
                    "only CREATED, FAILED or DEAD notices can be cancelled; a notice being sent or delivered cannot"));
        }
        return get(id);
    }

    /** {@code POST /api/v1/offices/{officeId}/replay}: every DEAD or FAILED notice to that office. */
    public HttpAnswer replayOffice(String officeId, Credential ops) {
        ObjectNode body = HttpAnswer.object();
        body.put("officeId", officeId);
        body.put("replayed", outbox.replayOffice(officeId, ops.name()));
        return HttpAnswer.json(200, body);
    }

    /** {@code GET /api/v1/journal/events/{key}} */
    public HttpAnswer eventJournal(String key, Credential ops) {
        return journal.event(key).map(j -> ApiAccess.json(ops, 200, j))
                .orElseGet(() -> Problems.notFound("no event with this key"));
    }

    /** {@code POST /api/v1/journal/case} with {@code {"dufNumber": "..."}} */
    public HttpAnswer caseJournal(String body, Credential ops) {
        return DufNumberBody.read(body).map(duf -> ApiAccess.json(ops, 200, journal.caseOf(duf)))
                .orElseGet(() -> Problems.badRequest(DufNumberBody.EXPECTED));
    }

    private static ObjectNode describe(NoticeState n) {
        ObjectNode o = HttpAnswer.object();
        o.put("noticeId", n.noticeId()).put("eventKey", n.eventKey()).put("duty", n.duty()).put("copy", n.copy())
                .put("kind", n.kind()).put("priority", n.priority()).put("role", n.role()).put("officeId", n.officeId())
                .put("channel", n.channel().toLowerCase(Locale.ROOT)).put("status", n.status().name()).put("attempts", n.attempts());
        put(o, "nextAttemptAt", n.nextAttemptAt());
        if (n.lastError() != null) o.put("lastError", n.lastError());
        put(o, "createdAt", n.createdAt());
        put(o, "statusChangedAt", n.statusChangedAt());
        put(o, "deliveredAt", n.deliveredAt());
        if (n.receipt() != null) o.put("receipt", n.receipt());
        return o;
    }

    private static void put(ObjectNode o, String name, OffsetDateTime t) {
        if (t != null) o.put(name, Rfc3339.format(t));
    }
}
