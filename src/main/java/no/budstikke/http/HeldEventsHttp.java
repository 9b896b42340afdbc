package no.budstikke.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import no.budstikke.store.EventState;
import no.budstikke.auth.Credential;
import no.budstikke.casefile.OtherCentreHolds;
import no.budstikke.store.HeldEvents;

/**
 * {@code POST /api/v1/events/{key}/release} and {@code /reject}: ops' verdict on an event held
 * because a centre sent it about another centre's resident. Ops credentials only; the actor is
 * the credential's name.
 */
public final class HeldEventsHttp {

    private final OtherCentreHolds holds;

    public HeldEventsHttp(OtherCentreHolds holds) {
        this.holds = holds;
    }

    public HttpAnswer release(String key, Credential ops) {
        return verdict(key, ops, true);
    }

    public HttpAnswer reject(String key, Credential ops) {
        return verdict(key, ops, false);
    }

    private HttpAnswer verdict(String key, Credential ops, boolean release) {
        if (key == null || !key.matches("[0-9a-f]{32}")) return Problems.notFound("no event with this key");
        String actor = ops.name();
        HeldEvents.Review r = release ? holds.release(key, actor) : holds.reject(key, actor);
        if (r == HeldEvents.Review.NOT_FOUND) return Problems.notFound("no event with this key");
        if (r == HeldEvents.Review.NOT_HELD) {
            return Problems.answer(Problems.problem(409, "not-held", "The event is not held",
                    "only a held event can be released or rejected; see " + IntakeHttp.EVENT_STATUS_PATH + key + " for its status"));
        }
        ObjectNode body = HttpAnswer.object();
        body.put("key", key).put("status", release ? EventState.RELEASED.name() : EventState.REJECTED.name()).put("reviewedBy", actor)
                .put("event", IntakeHttp.EVENT_STATUS_PATH + key);
        return HttpAnswer.json(200, body);
    }
}
