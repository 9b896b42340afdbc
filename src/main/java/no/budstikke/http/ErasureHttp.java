package no.budstikke.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import no.budstikke.auth.Credential;
import no.budstikke.retention.Erasure;

/**
 * {@code POST /api/v1/erasure} with {@code {"dufNumber": "..."}} in the body (never in the URL):
 * erases the person and answers with the counts and the keys of the events erased, whose journal
 * still answers who was told what. Ops credentials only; the credential's name is the actor.
 */
public final class ErasureHttp {

    private final Erasure erasure;

    public ErasureHttp(Erasure erasure) {
        this.erasure = erasure;
    }

    public HttpAnswer erase(String body, Credential ops) {
        Optional<String> duf = DufNumberBody.read(body);
        if (duf.isEmpty()) return Problems.badRequest(DufNumberBody.EXPECTED);
        Erasure.Result result = erasure.erase(duf.get(), ops.name());
        ObjectNode answer = HttpAnswer.object();
        answer.put("erasedBy", ops.name());
        result.counts().forEach(answer.putObject("counts")::put);
        result.eventKeys().forEach(answer.putArray("eventKeys")::add);
        return HttpAnswer.json(200, answer);
    }
}
