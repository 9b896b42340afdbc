package no.budstikke.camel;

import io.vertx.ext.web.RoutingContext;
import no.budstikke.http.Problems;

/**
 * The HTTP server refuses a body over {@code budstikke.intake.max-bytes} while it arrives
 * ({@code camel.server.maxBodySize}), before any route sees it. Vert.x would answer that with a
 * plain-text 413; this gives it the same problem document as every other refusal, so a sender's
 * client can read why. Nothing of the body was read, so nothing is quarantined.
 */
final class TooLargeAnswer {

    private TooLargeAnswer() {
    }

    static void answer(RoutingContext rc) {
        if (rc.response().headWritten()) return;
        String body = Problems.problem(413, Problems.TOO_LARGE, "The body is too large",
                "the body is larger than this hub takes in one request (budstikke.intake.max-bytes); "
                        + "send fewer events per request").toString();
        rc.response().setStatusCode(413).putHeader("Content-Type", Problems.MEDIA_TYPE)
                // The rest of the body is not read: the connection ends with this answer.
                .putHeader("Connection", "close").end(body);
    }
}
