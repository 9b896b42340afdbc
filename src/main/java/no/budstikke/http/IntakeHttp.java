package no.budstikke.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.budstikke.auth.Credential;
import no.budstikke.intake.BinaryMode;
import no.budstikke.intake.EventOutcome;
import no.budstikke.intake.EventOutcome.Outcome;
import no.budstikke.intake.EventParser;
import no.budstikke.intake.Inbound;
import no.budstikke.intake.InputForm;
import no.budstikke.intake.IntakeReport;
import no.budstikke.intake.IntakeService;

/**
 * {@code POST /api/v1/events}, for a caller {@link ApiAccess} let in (an API key or a Maskinporten access
 * token): checks the media type, hands the body to intake and turns the report into the contract's answers (202,
 * 207, 400, 401, 403, 413, 415). The three CloudEvents HTTP content modes are taken: structured and
 * batch by their media types, binary ({@code ce-*} headers with a JSON body) turned into the
 * structured event it stands for.
 */
public final class IntakeHttp {

    public static final String EVENT_STATUS_PATH = "/api/v1/events/";

    static final String SUPPORTED_MODES = "send one event in structured mode (application/cloudevents+json), a batch "
            + "(application/cloudevents-batch+json), one event in binary mode (ce-* headers with an application/json body), "
            + "or application/json; always UTF-8";

    private final IntakeService intake;
    private final EventParser parser;

    public IntakeHttp(IntakeService intake, EventParser parser) {
        this.intake = intake;
        this.parser = parser;
    }

    public HttpAnswer accept(byte[] body, String contentType, Credential caller) {
        return accept(body, contentType, caller, Map.of());
    }

    /** @param cloudEventHeaders the request's {@code ce-*} headers: present, and not a structured or batch media type, means binary mode */
    public HttpAnswer accept(byte[] body, String contentType, Credential c, Map<String, List<String>> cloudEventHeaders) {
        Optional<InputForm> form = InputForm.ofMediaType(contentType);
        boolean binary = cloudEventHeaders != null && !cloudEventHeaders.isEmpty()
                && form.filter(f -> f == InputForm.SINGLE || f == InputForm.BATCH).isEmpty();
        if (form.isEmpty()) {
            ObjectNode p = Problems.problem(415, "unsupported-media-type", "Unsupported media type",
                    (binary ? "in binary mode the body is the event's data, which must be application/json; " : "") + SUPPORTED_MODES);
            withQuarantineId(p, intake.refuse("http", c.name(), body, "UNSUPPORTED_MEDIA_TYPE", SUPPORTED_MODES));
            return Problems.answer(p);
        }
        if (binary) return binary(body, contentType, c, cloudEventHeaders);
        return answer(intake.accept(new Inbound("http", c.name(), body, form.get(), c::mayPublish)));
    }

    /**
     * Binary mode: the data is read with the same strict parser as every body; a body it cannot read
     * is quarantined as it came, like any unreadable body. The event it stands for then goes through
     * intake as one structured event, so it meets exactly the same contract.
     */
    private HttpAnswer binary(byte[] body, String contentType, Credential c, Map<String, List<String>> headers) {
        BinaryMode.Attributes attributes = BinaryMode.attributes(headers, contentType);
        if (attributes.problem().isPresent()) {
            String why = attributes.problem().get();
            ObjectNode p = Problems.problem(400, "binary-mode", "The CloudEvents headers are not usable", why);
            withQuarantineId(p, intake.refuse("http", c.name(), body, "UNREADABLE", why));
            return Problems.answer(p);
        }
        EventParser.ParsedInput data = parser.parse(body, InputForm.SINGLE);
        if (data.failure().isPresent()) return answer(intake.accept(new Inbound("http", c.name(), body, InputForm.SINGLE, c::mayPublish)));
        byte[] event = parser.bytes(BinaryMode.event(attributes.envelope().get(), data.events().get(0)));
        return answer(intake.accept(new Inbound("http", c.name(), event, InputForm.SINGLE, c::mayPublish)));
    }

    private static HttpAnswer answer(IntakeReport report) {
        if (report.isUnreadable()) {
            ObjectNode p = report.tooLarge()
                    ? Problems.problem(413, Problems.TOO_LARGE, "The body is too large", report.unreadable().get(0).message())
                    : Problems.problem(400, "unreadable-body", "The body is not a readable event", report.unreadable().get(0).message());
            p.set("violations", Problems.violations(report.unreadable()));
            withQuarantineId(p, report.quarantineId());
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

    /** Null when the sender is over its quarantine cap and nothing was kept. */
    private static void withQuarantineId(ObjectNode n, Long id) {
        if (id != null) n.put("quarantineId", id);
    }

    private static ObjectNode withDetails(ObjectNode n, EventOutcome e) {
        if (e.quarantineId() != null) n.put("quarantineId", e.quarantineId());
        if (!e.violations().isEmpty()) n.set("violations", Problems.violations(e.violations()));
        return n;
    }
}
