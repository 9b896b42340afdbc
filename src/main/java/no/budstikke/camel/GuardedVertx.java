package no.budstikke.camel;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.core.http.HttpServerOptions;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import no.budstikke.tls.ListenerTls;

/**
 * The Vert.x instance both platform-http servers (intake and management) are built on, bound in
 * the registry where camel-platform-http looks for one. camel-platform-http creates its
 * {@link HttpServer} with default options and offers no setting for timeouts or connection caps,
 * so this instance applies them to every HTTP server created through it: the idle timeout as a
 * server option, the header timeout and the per-client cap by a {@link ConnectionGuard}. A body
 * the server refuses as too large is answered by {@link TooLargeAnswer}.
 */
public final class GuardedVertx {

    private GuardedVertx() {
    }

    /**
     * With {@code tls}, the server Camel configures for TLS (the intake server) also gets its protocols
     * and client authentication; {@code gate} stands in front of the management server's requests (null: none).
     */
    public static Vertx create(ConnectionLimits limits, Optional<ListenerTls> tls, ManagementGate gate, AccessLog accessLog) {
        Vertx real = Vertx.vertx();
        return wrap(real, Vertx.class, (proxy, method, args) -> {
            if (method.getName().equals("createHttpServer")) {
                HttpServerOptions options = args == null || args.length == 0 ? new HttpServerOptions()
                        : new HttpServerOptions((HttpServerOptions) args[0]);
                options.setIdleTimeout(limits.idleTimeoutMs()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
                // Cleartext HTTP/2 detection holds a connection back until its first bytes are read, out of
                // the guard's sight; with it off the guard sees each connection as it is accepted.
                options.setHttp2ClearTextEnabled(false);
                if (options.isSsl()) tls.ifPresent(t -> ListenerSsl.harden(options, t));
                return guarded(real, real.createHttpServer(options), limits, gate, accessLog);
            }
            return invoke(real, method, args);
        });
    }

    private static HttpServer guarded(Vertx vertx, HttpServer server, ConnectionLimits limits, ManagementGate gate,
                                      AccessLog accessLog) {
        ConnectionGuard guard = new ConnectionGuard(vertx, limits);
        server.connectionHandler(guard::opened);
        return wrap(server, HttpServer.class, (proxy, method, args) -> {
            if (method.getName().equals("requestHandler") && args != null && args.length == 1) {
                @SuppressWarnings("unchecked")
                io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> handler =
                        (io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest>) args[0];
                // The server's own refusal of an over-long body becomes a problem document like every other.
                if (handler instanceof Router router) router.errorHandler(413, TooLargeAnswer::answer);
                server.requestHandler(guard.watching(accessLog.around(server, gate == null ? handler : gate.around(vertx, server, handler))));
                return proxy;
            }
            Object result = invoke(server, method, args);
            return result == server ? proxy : result;
        });
    }

    /** A proxy with every interface of {@code target}, so Vert.x internals that cast it still work. */
    private static <T> T wrap(Object target, Class<T> type, InvocationHandler handler) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) collect(c, interfaces);
        interfaces.add(type);
        return type.cast(Proxy.newProxyInstance(GuardedVertx.class.getClassLoader(), interfaces.toArray(Class<?>[]::new), handler));
    }

    private static void collect(Class<?> c, Set<Class<?>> into) {
        for (Class<?> i : c.getInterfaces()) {
            if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) into.add(i);
            collect(i, into);
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
