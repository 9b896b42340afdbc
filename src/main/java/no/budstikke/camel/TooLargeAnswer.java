package no.budstikke.camel;

import no.budstikke.http.Problems;
import no.budstikke.intake.IntakeLimits;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * A body over {@code budstikke.intake.max-bytes} is refused by the HTTP server while it is
 * still arriving, before any route runs (so it never fills memory). The server's own answer is
 * plain text; this makes it the same 413 problem document intake gives for a batch or an event
 * that is too large.
 */
public final class TooLargeAnswer implements StartupListener {

    private final int httpPort;
    private final String body;

    public TooLargeAnswer(int httpPort, long maxBytes) {
        this.httpPort = httpPort;
        this.body = Problems.problem(413, Problems.TOO_LARGE, "The body is too large",
                "a request may be at most " + maxBytes + " bytes (" + IntakeLimits.MAX_BYTES + "); send fewer events at a time").toString();
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(httpPort));
        if (router == null) return; // no HTTP server (it is switched off)
        router.errorHandler(413, ctx -> {
            if (ctx.response().headWritten()) return;
            ctx.response().setStatusCode(413).putHeader("Content-Type", Problems.MEDIA_TYPE).end(body);
        });
    }
}
