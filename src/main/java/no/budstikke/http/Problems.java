package no.budstikke.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import no.budstikke.contract.Violation;

/** RFC 9457 problem documents. Details describe the rule that was broken, never the values sent. */
public final class Problems {

    static final String TYPE_BASE = "https://budstikke.example/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";
    /** A body, batch, event or value over the intake limits (413). */
    public static final String TOO_LARGE = "too-large";

    private Problems() {
    }

    public static ObjectNode problem(int status, String slug, String title, String detail) {
        ObjectNode p = HttpAnswer.object();
        p.put("type", TYPE_BASE + slug);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        return p;
    }

    public static HttpAnswer answer(ObjectNode problem) {
        return HttpAnswer.withType(problem.get("status").asInt(), MEDIA_TYPE, problem);
    }

    public static HttpAnswer unauthorized() {
        return answer(problem(401, "unauthorized", "Missing or unknown credential",
                "send 'Authorization: Bearer <api key>' with a key configured in api-keys.json"))
                .withHeader("WWW-Authenticate", "Bearer realm=\"budstikke\"");
    }

    public static HttpAnswer forbidden(String detail) {
        return answer(problem(403, "forbidden", "The credential may not do this", detail));
    }

    public static HttpAnswer notFound(String detail) {
        return answer(problem(404, "not-found", "Not found", detail));
    }

    public static HttpAnswer badRequest(String detail) {
        return answer(problem(400, "bad-request", "Bad request", detail));
    }

    public static ArrayNode violations(List<Violation> violations) {
        ArrayNode list = HttpAnswer.JSON.createArrayNode();
        for (Violation v : violations) {
            list.addObject().put("pointer", v.pointer()).put("message", v.message());
        }
        return list;
    }
}
