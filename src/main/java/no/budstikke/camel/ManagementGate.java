package no.budstikke.camel;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import no.budstikke.auth.ApiKeys;
import no.budstikke.config.ConfigException;
import no.budstikke.http.HttpAnswer;
import no.budstikke.http.ManagementAccess;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;

/**
 * Puts {@link ManagementAccess} in front of camel-main's management server. Camel's own
 * authentication for that server (basic or JWT) knows nothing of the hub's API keys and guards
 * one path prefix; this sits where every request arrives, before Camel's router, so no route Camel
 * adds there (now or in a later version) is reachable without a key.
 *
 * <p>The management server is known by its port: {@link GuardedVertx} builds both HTTP servers and
 * hands every request of either to {@link #around}, which passes the intake port's through.
 */
public final class ManagementGate {

    private final ManagementAccess access;
    private final CamelContext context;
    private final int port;

    /** @param port the management server's port, as camel-main binds it (never 0: see {@link #of}) */
    public ManagementGate(ManagementAccess access, CamelContext context, int port) {
        this.access = access;
        this.context = context;
        this.port = port;
    }

    /**
     * The gate for the hub's keys and the port camel-main binds its management server to. A port of
     * 0 (any free one) is refused: the gate could not tell the management server from intake.
     */
    public static ManagementGate of(CamelContext context, ApiKeys keys) {
        String setting = context.getPropertiesComponent().resolveProperty("camel.management.port").orElse("");
        int port;
        try {
            port = Integer.parseInt(setting.trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("setting budstikke.management.port (camel.management.port): '" + setting
                    + "' is not a fixed port; expected a port from 1 to 65535, such as 8081");
        }
        return new ManagementGate(new ManagementAccess(keys), context, port);
    }

    Handler<HttpServerRequest> around(Vertx vertx, HttpServer server, Handler<HttpServerRequest> next) {
        return request -> {
            if (server.actualPort() != port) {
                next.handle(request);
                return;
            }
            ManagementAccess.Decision decision = access.decide(request.path(), authorization(request));
            switch (decision) {
                case PASS -> next.handle(request);
                case LIVENESS_STATUS -> status(vertx, request, false);
                case READINESS_STATUS -> status(vertx, request, true);
                case UNAUTHORIZED, FORBIDDEN -> write(request.response(), ManagementAccess.refusal(decision));
            }
        };
    }

    /** The one Authorization header; none when sent twice, since which one counts would be a guess (as on intake). */
    private static String authorization(HttpServerRequest request) {
        var all = request.headers().getAll("Authorization");
        return all.size() == 1 ? all.get(0) : null;
    }

    /** The probe's status by the same Camel calls its own handler makes, off the event loop: checks may block. */
    private void status(Vertx vertx, HttpServerRequest request, boolean readiness) {
        vertx.<Boolean>executeBlocking(() -> readiness
                        ? HealthCheckHelper.isResultsUp(HealthCheckHelper.invokeReadiness(context), true)
                        : HealthCheckHelper.isResultsUp(HealthCheckHelper.invokeLiveness(context), false), false)
                .onComplete(up -> write(request.response(), ManagementAccess.status(up.succeeded() && up.result())));
    }

    private static void write(HttpServerResponse response, HttpAnswer answer) {
        response.setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType());
        answer.headers().forEach(response::putHeader);
        response.end(Buffer.buffer(answer.body()));
    }
}
