package no.budstikke;

import io.vertx.core.Vertx;
import java.time.Clock;
import no.budstikke.ConfigWiring.StartConfig;
import no.budstikke.auth.ApiKeys;
import no.budstikke.auth.Callers;
import no.budstikke.camel.AccessLog;
import no.budstikke.camel.ApiPolicy;
import no.budstikke.camel.ConnectionLimits;
import no.budstikke.camel.GuardedVertx;
import no.budstikke.camel.ListenerSsl;
import no.budstikke.camel.ManagementGate;
import no.budstikke.camel.RequestHeaders;
import no.budstikke.config.HubSettings;
import no.budstikke.http.ApiAccess;
import no.budstikke.tls.ListenerAccess;
import no.budstikke.tls.ListenerSettings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Who may connect and call: the HTTP listeners, their TLS, and the callers' keys and tokens. */
public final class SecurityWiring implements CamelConfiguration {

    @BindToRegistry
    public ConnectionLimits connectionLimits(HubSettings settings) {
        return ConnectionLimits.from(settings);
    }

    /** TLS on the intake server only (camel.server.useGlobalSslContextParameters): the management port stays plain, for probes. */
    @BindToRegistry
    public ListenerSettings listenerSettings(CamelContext context, HubSettings settings, ApiKeys keys) {
        ListenerSettings listener = ListenerSettings.from(settings, keys);
        listener.tls().ifPresent(tls -> context.setSSLContextParameters(ListenerSsl.parameters(tls)));
        return listener;
    }

    /**
     * Both HTTP servers (intake and management) are built on this Vert.x: timeouts and a per-client
     * cap, TLS protocols and client certificates on the intake server, and a key for everything on
     * the management port but the bare probes; one access log line per answered request.
     */
    @BindToRegistry
    public Vertx vertx(CamelContext context, HubSettings settings, ConnectionLimits limits, ListenerSettings listener, ApiKeys keys) {
        return GuardedVertx.create(limits, listener.tls(), ManagementGate.of(context, keys), AccessLog.from(settings));
    }

    @BindToRegistry
    public RequestHeaders requestHeaders(ApiKeys keys, ListenerSettings listener) {
        return new RequestHeaders(new ListenerAccess(keys, listener.proxies()));
    }

    /** Senders may also present Maskinporten access tokens, when Maskinporten is configured; ops stays on API keys. */
    @BindToRegistry
    public ApiPolicy apiPolicy(CamelContext context, StartConfig config, ApiKeys keys, Clock clock) {
        var maskinporten = config.folder().maskinporten();
        return new ApiPolicy(context, new ApiAccess(new Callers(keys, maskinporten == null ? null : maskinporten.tokens(clock))));
    }
}
