package no.budstikke.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import no.budstikke.auth.Credential;
import no.budstikke.model.Rfc3339;
import no.budstikke.dispatch.stage.DispatchService;
import no.budstikke.dispatch.stage.DispatchService.GapReplay;
import no.budstikke.store.DispatchGaps;

/**
 * Duties whose recipient could not be resolved: listed until resolved, and replayed once the
 * directory is fixed, so the notice reaches the office it should have gone to. Ops credentials only.
 */
public final class GapsHttp {

    private final DispatchGaps gaps;
    private final DispatchService dispatch;

    public GapsHttp(DispatchGaps gaps, DispatchService dispatch) {
        this.gaps = gaps;
        this.dispatch = dispatch;
    }

    /** {@code GET /api/v1/gaps?state=open|all&limit=}: open gaps oldest first by default. */
    public HttpAnswer list(String state, String limit) {
        Optional<Boolean> all = QueryParams.all(state);
        Optional<Integer> size = QueryParams.limit(limit);
        if (all.isEmpty() || size.isEmpty()) return Problems.badRequest("'state' must be open or all and 'limit' 1 to 1000");
        ArrayNode list = HttpAnswer.JSON.createArrayNode();
        gaps.list(all.get(), size.get()).forEach(g -> list.add(describe(g)));
        ObjectNode body = HttpAnswer.object();
        body.set("gaps", list);
        return HttpAnswer.json(200, body);
    }

    /** {@code POST /api/v1/gaps/{id}/replay}: decides the gap's duty again with the config now loaded. */
    public HttpAnswer replay(String id, Credential ops) {
        long gapId;
        try {
            gapId = Long.parseLong(id == null ? "" : id.trim());
        } catch (NumberFormatException e) {
            return Problems.notFound("no gap with this id");
        }
        GapReplay outcome = dispatch.replayGap(gapId, ops.name());
        if (outcome instanceof GapReplay.NotFound) return Problems.notFound("no gap with this id");
        if (outcome instanceof GapReplay.StillUnresolved still) {
            return Problems.answer(Problems.problem(409, "still-unresolved", "The recipient still cannot be resolved",
                    still.reason() + "; fix config/directory.yaml, reload it (POST /api/v1/config/reload), then replay again"));
        }
        if (outcome instanceof GapReplay.AlreadyResolved done) {
            return Problems.answer(Problems.problem(409, "already-resolved", "The gap is already resolved",
                    "notice " + done.noticeId() + " went to the resolved office"));
        }
        GapReplay.Resolved resolved = (GapReplay.Resolved) outcome;
        ObjectNode body = HttpAnswer.object();
        body.put("gapId", gapId).put("status", "RESOLVED").put("noticeId", resolved.noticeId())
                .put("officeId", resolved.officeId()).put("notice", "/api/v1/notices/" + resolved.noticeId());
        return HttpAnswer.json(200, body);
    }

    private static ObjectNode describe(DispatchGaps.Gap g) {
        ObjectNode o = HttpAnswer.object();
        o.put("id", g.id()).put("eventKey", g.eventKey()).put("duty", g.duty()).put("role", g.role()).put("priority", g.priority())
                .put("reason", g.reason()).put("status", g.open() ? "OPEN" : "RESOLVED")
                .put("createdAt", Rfc3339.format(g.createdAt()));
        if (g.municipality() != null) o.put("municipality", g.municipality());
        if (g.fallbackOfficeId() != null) o.put("fallbackOfficeId", g.fallbackOfficeId());
        if (!g.open()) {
            o.put("resolvedNoticeId", g.resolvedNoticeId()).put("resolvedBy", g.resolvedBy())
                    .put("resolvedAt", Rfc3339.format(g.resolvedAt()));
        }
        return o;
    }
}
