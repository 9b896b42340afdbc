package no.budstikke.camel;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per answered request on either HTTP port, on the logger {@code no.budstikke.access}: port,
 * method, the path as {@link AccessPath} shows it, status, time taken, bytes sent and the client's
 * address. Nothing of the request's content, query or headers is written.
 */
public final class AccessLog {

    static final Setting<Boolean> ENABLED = Setting.flag("budstikke.http.access-log", true);
    private static final Logger LOG = LoggerFactory.getLogger("no.budstikke.access");

    private final boolean enabled;

    public AccessLog(boolean enabled) {
        this.enabled = enabled;
    }

    public static AccessLog from(HubSettings settings) {
        return new AccessLog(ENABLED.in(settings));
    }

    /**
     * {@code handler}, with a line written when each answer has been sent: also the answers the
     * management gate gives itself (probes, refusals) before any router sees the request. The
     * response's end handler is the one place every answer passes; Vert.x Web would only take it
     * over for a route that adds end handlers of its own, which none of the hub's does (AccessLogIT
     * would miss the lines).
     */
    public Handler<HttpServerRequest> around(HttpServer server, Handler<HttpServerRequest> handler) {
        if (!enabled) return handler;
        return request -> {
            long started = System.nanoTime();
            request.response().endHandler(done -> {
                SocketAddress client = request.remoteAddress();
                LOG.info("port={} {} {} status={} ms={} bytes={} client={}", server.actualPort(), request.method(),
                        AccessPath.shown(request.uri()), request.response().getStatusCode(),
                        (System.nanoTime() - started) / 1_000_000, request.response().bytesWritten(),
                        client == null ? "-" : client.hostAddress());
            });
            handler.handle(request);
        };
    }
}
