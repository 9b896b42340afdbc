package no.budstikke.camel;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes connections that hold the server without using it: one that has not sent a request's
 * headers within the header timeout of opening (or of its previous answer), and any connection
 * beyond the per-client cap. Without this a few hundred slow sockets (slowloris) hold the HTTP
 * server open indefinitely. Connections are counted per remote address, so clients behind one
 * proxy share a cap.
 */
final class ConnectionGuard {

    private final Vertx vertx;
    private final ConnectionLimits limits;
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

    /** What the header timer needs to know of one connection; touched on its event loop only. */
    private static final class Watch {
        volatile long requests;
        volatile HttpServerRequest current;
        long requestsAtArm;
    }

    ConnectionGuard(Vertx vertx, ConnectionLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    /** The server's connection handler: counts, refuses beyond the cap, and starts the header timer. */
    void opened(HttpConnection connection) {
        String client = connection.remoteAddress() == null ? "?" : String.valueOf(connection.remoteAddress().hostAddress());
        int open = perClient.merge(client, 1, Integer::sum);
        connection.closeHandler(v -> {
            watches.remove(connection);
            perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        });
        if (open > limits.maxConnectionsPerClient()) {
            connection.close();
            return;
        }
        Watch watch = new Watch();
        watches.put(connection, watch);
        arm(connection, watch);
    }

    /** Wraps the server's request handler so that the timer knows when a request's headers arrived. */
    Handler<HttpServerRequest> watching(Handler<HttpServerRequest> requests) {
        return request -> {
            Watch watch = watches.get(request.connection());
            if (watch != null) {
                watch.current = request;
                watch.requests++;
            }
            requests.handle(request);
        };
    }

    private void arm(HttpConnection connection, Watch watch) {
        watch.requestsAtArm = watch.requests;
        vertx.setTimer(limits.headerTimeoutMs(), id -> check(connection, watch));
    }

    /**
     * A connection keeps its place while a request started during the last period or one is still
     * being answered; otherwise it spent a whole period without sending complete headers.
     */
    private void check(HttpConnection connection, Watch watch) {
        if (!watches.containsKey(connection)) return;
        HttpServerRequest current = watch.current;
        boolean started = watch.requests != watch.requestsAtArm;
        boolean answering = current != null && !current.response().ended() && !current.response().closed();
        if (started || answering) {
            arm(connection, watch);
        } else {
            connection.close();
        }
    }
}
