package no.budstikke.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Optional;
import no.budstikke.alert.Alerts;
import no.budstikke.auth.Credential;
import no.budstikke.model.Rfc3339;
import no.budstikke.delivery.Outbox;
import no.budstikke.delivery.task.Tasks;
import no.budstikke.store.StoredAlert;
import no.budstikke.store.StoredTask;
import no.budstikke.store.CaseFiles;

/**
 * What ops follow up by hand: tasks (list, acknowledge), alerts (list, acknowledge) and what the hub
 * remembers of a case. Ops credentials only; the actor of every acknowledgement is the credential's name.
 * Tasks (their notice documents) and case files hold health data only for the role ops-pii.
 */
public final class FollowUpHttp {

    private final Tasks tasks;
    private final Outbox outbox;
    private final Alerts alerts;
    private final CaseFiles caseFiles;

    public FollowUpHttp(Tasks tasks, Outbox outbox, Alerts alerts, CaseFiles caseFiles) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.alerts = alerts;
        this.caseFiles = caseFiles;
    }

    /** {@code GET /api/v1/tasks?state=open|all&limit=}: open tasks by default, most urgent and earliest due first. */
    public HttpAnswer listTasks(String state, String limit, Credential ops) {
        Optional<Boolean> all = QueryParams.all(state);
        Optional<Integer> size = QueryParams.limit(limit);
        if (all.isEmpty() || size.isEmpty()) return Problems.badRequest("'state' must be open or all and 'limit' 1 to 1000");
        OffsetDateTime now = tasks.now();
        ArrayNode list = HttpAnswer.JSON.createArrayNode();
        tasks.list(all.get(), size.get()).forEach(t -> list.add(describe(t, now)));
        ObjectNode body = HttpAnswer.object();
        body.set("tasks", list);
        return ApiAccess.json(ops, 200, body);
    }

    /** {@code POST /api/v1/tasks/{id}/ack}: the task was done (the call made); records who and when. */
    public HttpAnswer acknowledgeTask(String id, Credential ops) {
        if (tasks.get(id).isEmpty()) return Problems.notFound("no task with this id");
        if (!outbox.acknowledge(id, ops.name())) {
            return Problems.answer(Problems.problem(409, "conflict", "The task is not open",
                    "only an open task can be acknowledged; this one was acknowledged or cancelled before"));
        }
        return ApiAccess.json(ops, 200, describe(tasks.get(id).orElseThrow(), tasks.now()));
    }

    /** {@code GET /api/v1/alerts?state=open|all&limit=}: unacknowledged alerts by default, newest first. */
    public HttpAnswer listAlerts(String state, String limit) {
        Optional<Boolean> all = QueryParams.all(state);
        Optional<Integer> size = QueryParams.limit(limit);
        if (all.isEmpty() || size.isEmpty()) return Problems.badRequest("'state' must be open or all and 'limit' 1 to 1000");
        ArrayNode list = HttpAnswer.JSON.createArrayNode();
        alerts.list(all.get(), size.get()).forEach(a -> list.add(describe(a)));
        ObjectNode body = HttpAnswer.object();
        body.set("alerts", list);
        return HttpAnswer.json(200, body);
    }

    /** {@code POST /api/v1/alerts/{id}/ack} */
    public HttpAnswer acknowledgeAlert(String id, Credential ops) {
        long alertId;
        try {
            alertId = Long.parseLong(id == null ? "" : id.trim());
        } catch (NumberFormatException e) {
            return Problems.notFound("no alert with this id");
        }
        if (alerts.get(alertId).isEmpty()) return Problems.notFound("no alert with this id");
        if (!alerts.acknowledge(alertId, ops.name())) {
            return Problems.answer(Problems.problem(409, "conflict", "The alert was acknowledged before", "nothing to do"));
        }
        return HttpAnswer.json(200, describe(alerts.get(alertId).orElseThrow()));
    }

    /** {@code POST /api/v1/cases/state} with {@code {"dufNumber": "..."}}: the case file the hub keeps. */
    public HttpAnswer caseState(String body, Credential ops) {
        Optional<String> duf = DufNumberBody.read(body);
        if (duf.isEmpty()) return Problems.badRequest(DufNumberBody.EXPECTED);
        return caseFiles.json(duf.get()).map(n -> ApiAccess.json(ops, 200, n))
                .orElseGet(() -> Problems.notFound("the hub knows no case with this DUF number"));
    }

    private static ObjectNode describe(StoredTask t, OffsetDateTime now) {
        ObjectNode o = HttpAnswer.object();
        o.put("taskId", t.noticeId()).put("eventKey", t.eventKey()).put("duty", t.duty()).put("kind", t.kind())
                .put("priority", t.priority()).put("role", t.role()).put("officeId", t.officeId()).put("call", t.officeName())
                .put("phone", t.phone()).put("state", t.state().name().toLowerCase(java.util.Locale.ROOT))
                .put("createdAt", Rfc3339.format(t.createdAt())).put("overdue", t.overdue(now));
        if (t.dueAt() != null) o.put("dueAt", Rfc3339.format(t.dueAt()));
        if (t.acknowledgedBy() != null) {
            o.put("acknowledgedBy", t.acknowledgedBy()).put("acknowledgedAt", Rfc3339.format(t.acknowledgedAt()));
        }
        try {
            o.set("notice", HttpAnswer.JSON.readTree(t.document()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("notice documents are JSON written by the hub", e);
        }
        return o;
    }

    private static ObjectNode describe(StoredAlert a) {
        ObjectNode o = HttpAnswer.object();
        o.put("alertId", a.id()).put("kind", a.kind()).put("priority", a.priority()).put("eventKey", a.eventKey())
                .put("subject", a.subject()).put("detail", a.detail()).put("raisedAt", Rfc3339.format(a.raisedAt()));
        if (a.noticeId() != null) o.put("mailNoticeId", a.noticeId());
        if (a.acknowledgedBy() != null) {
            o.put("acknowledgedBy", a.acknowledgedBy()).put("acknowledgedAt", Rfc3339.format(a.acknowledgedAt()));
        }
        return o;
    }

}
