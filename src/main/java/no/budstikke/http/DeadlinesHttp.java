package no.budstikke.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.budstikke.store.DeadlineState;
import no.budstikke.model.Rfc3339;
import no.budstikke.model.Deadline;
import no.budstikke.store.DeadlineRun;
import no.budstikke.deadline.Deadlines;
import no.budstikke.store.DeadlineRuns;
import no.budstikke.store.Transactions;

/**
 * The deadlines ops API: running, met, breached and ended deadlines, the soonest due first. Ops
 * credentials only. A run is named by its deadline, its starting event's key and (D6) its UDI
 * region, never by its case: no DUF number, no personal data.
 */
public final class DeadlinesHttp {

    static final Set<String> STATUSES = Set.of(DeadlineState.RUNNING.name(), DeadlineState.MET.name(), DeadlineState.BREACHED.name(),
            DeadlineState.ENDED.name());

    private final Transactions transactions;
    private final DeadlineRuns runs;
    private final Deadlines deadlines;

    public DeadlinesHttp(Transactions transactions, DeadlineRuns runs, Deadlines deadlines) {
        this.transactions = transactions;
        this.runs = runs;
        this.deadlines = deadlines;
    }

    /** {@code GET /api/v1/deadlines?status=RUNNING,BREACHED&limit=100} */
    public HttpAnswer list(String status, String limit) {
        List<String> wanted = QueryParams.statuses(status, List.of(DeadlineState.RUNNING.name(), DeadlineState.BREACHED.name()));
        Optional<Integer> size = QueryParams.limit(limit);
        if (!STATUSES.containsAll(wanted) || size.isEmpty()) {
            return Problems.badRequest("'status' must be a comma-separated list of " + new java.util.TreeSet<>(STATUSES)
                    + " and 'limit' 1 to " + QueryParams.MAX_LIMIT);
        }
        int max = size.get();
        ArrayNode list = HttpAnswer.JSON.createArrayNode();
        List<DeadlineState> states = wanted.stream().map(DeadlineState::valueOf).toList();
        transactions.read(tx -> runs.list(tx, states, max)).forEach(r -> list.add(describe(r)));
        ObjectNode body = HttpAnswer.object();
        body.set("deadlines", list);
        return HttpAnswer.json(200, body);
    }

    private ObjectNode describe(DeadlineRun r) {
        ObjectNode o = HttpAnswer.object();
        o.put("id", r.id()).put("deadlineId", r.deadlineId());
        deadlines.byId(r.deadlineId()).map(Deadline::title).ifPresent(t -> o.put("title", t));
        o.put("eventKey", r.eventKey()).put("round", r.round());
        if (r.udiRegion() != null) o.put("udiRegion", r.udiRegion());
        o.put("status", r.state().name());
        put(o, "startedAt", r.startedAt());
        put(o, "atRiskAt", r.atRiskAt());
        put(o, "dueAt", r.dueAt());
        put(o, "atRiskAlertedAt", r.atRiskAlertedAt());
        put(o, "breachedAt", r.breachedAt());
        put(o, "closedAt", r.closedAt());
        if (r.closedBy() != null) o.put("closedBy", r.closedBy());
        return o;
    }

    private static void put(ObjectNode o, String name, Instant t) {
        if (t != null) o.put(name, Rfc3339.format(t.atOffset(ZoneOffset.UTC)));
    }
}
