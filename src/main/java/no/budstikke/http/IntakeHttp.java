package no.budstikke.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import no.budstikke.auth.ApiKeys;
import no.budstikke.auth.Credential;
import no.budstikke.intake.EventOutcome;
import no.budstikke.intake.EventOutcome.Outcome;
import no.budstikke.intake.Inbound;
import no.budstikke.intake.InputForm;
import no.budstikke.intake.IntakeReport;
import no.budstikke.intake.IntakeService;

/**
 * {@code POST /api/v1/events}: checks the credential and media type, hands the body to intake
 * and turns the report into the contract's answers (202, 207, 400, 401, 403, 415).
 */
public final class IntakeHttp {

    public static final String EVENT_STATUS_PATH = "/api/v1/events/";

    private final ApiKeys keys;
    private final IntakeService intake;

    public IntakeHttp(ApiKeys keys, IntakeService intake) {
        this.keys = keys;
        this.intake = intake;
    }

    public HttpAnswer accept(byte[] body, String contentType, String authorization) {
        Optional<Credential> caller = keys.authenticate(authorization);
        if (caller.isEmpty()) return Problems.unauthorized();
        Optional<InputForm> form = InputForm.ofMediaType(contentType);
        Credential c = caller.get();
        if (form.isEmpty()) {
            String why = "send application/cloudevents+json (one event), application/cloudevents-batch+json (a batch) "
                    + "or application/json, in UTF-8";
            ObjectNode p = Problems.problem(415, "unsupported-media-type", "Unsupported media type", why);
            p.put("quarantineId", intake.refuse("http", c.name(), body, "UNSUPPORTED_MEDIA_TYPE", why));
            return Problems.answer(p);
        }
        IntakeReport report = intake.accept(new Inbound("http", c.name(), body, form.get(), c::mayPublish));
        if (report.isUnreadable()) {
            ObjectNode p = Problems.problem(400, "unreadable-body", "The body is not a readable event",
                    report.unreadable().get(0).message());
            p.set("violations", Problems.violations(report.unreadable()));
            p.put("quarantineId", report.quarantineId());
            return Problems.answer(p);
        }
        return report.batch() ? batchAnswer(report) : singleAnswer(report.events().get(0));
    }

    private static HttpAnswer singleAnswer(EventOutcome e) {
        return switch (e.outcome()) {
            case STORED, DUPLICATE -> HttpAnswer.json(202, describe(e));
            case FORBIDDEN -> Problems.answer(withDetails(forbidden(e), e));
            case REJECTED -> Problems.answer(withDetails(Problems.problem(400, "contract-violation",
                    "The event breaks the contract", e.violations().size() + " violation(s); see 'violations'"), e));
        };
    }

    private static ObjectNode forbidden(EventOutcome e) {
        boolean otherCentre = e.violations().stream().anyMatch(v -> v.pointer().endsWith(IntakeService.CENTRE_POINTER));
        return otherCentre
                ? Problems.problem(403, "forbidden-centre", "A centre may not send events for another centre",
                        "data.centre.id names another centre than the event's source; a centre's key speaks only for its own centre")
                : Problems.problem(403, "forbidden-source", "The credential may not send events for this source",
                        "the event's source is not among the sources configured for this credential");
    }

    /** 202 when every event was accepted, 400 or 403 when none was, 207 when some were. */
    private static HttpAnswer batchAnswer(IntakeReport report) {
        ArrayNode results = HttpAnswer.JSON.createArrayNode();
        report.events().forEach(e -> results.add(describe(e)));
        long accepted = report.count(Outcome.STORED) + report.count(Outcome.DUPLICATE);
        if (accepted == report.events().size()) {
            ObjectNode body = HttpAnswer.object();
            body.set("results", results);
            return HttpAnswer.json(202, body);
        }
        if (accepted == 0) {
            boolean allForbidden = report.count(Outcome.FORBIDDEN) == report.events().size();
            ObjectNode p = allForbidden
                    ? Problems.problem(403, "forbidden-source", "The credential may not send these events",
                            "no event in the batch has a source configured for this credential and names its own centre")
                    : Problems.problem(400, "contract-violation", "No event in the batch was accepted",
                            "see 'results' for each event's violations");
            p.set("results", results);
            return Problems.answer(p);
        }
        ObjectNode body = HttpAnswer.object();
        body.put("detail", accepted + " of " + report.events().size() + " events accepted; the others were quarantined");
        body.set("results", results);
        return HttpAnswer.json(207, body);
    }

    private static ObjectNode describe(EventOutcome e) {
        ObjectNode n = HttpAnswer.object();
        n.put("index", e.index());
        n.put("outcome", e.outcome().name().toLowerCase(Locale.ROOT));
        if (e.key() != null) {
            n.put("key", e.key());
            n.put("status", EVENT_STATUS_PATH + e.key());
        }
        return withDetails(n, e);
    }

    private static ObjectNode withDetails(ObjectNode n, EventOutcome e) {
        if (e.quarantineId() != null) n.put("quarantineId", e.quarantineId());
        if (!e.violations().isEmpty()) n.set("violations", Problems.violations(e.violations()));
        return n;
    }
}
