package no.budstikke.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.budstikke.auth.ApiKeys;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;

/** The listener's TLS and trusted proxies, read together and checked against api-keys.json. */
public record ListenerSettings(Optional<ListenerTls> tls, TrustedProxies proxies) {

    /**
     * @param keys null when api-keys.json could not be read (reported on its own)
     * @throws ConfigException naming every setting that cannot be used
     */
    public static ListenerSettings from(HubSettings settings, ApiKeys keys) {
        List<String> errors = new ArrayList<>();
        Optional<ListenerTls> tls = Optional.empty();
        TrustedProxies proxies = TrustedProxies.none();
        try {
            tls = ListenerTls.from(settings);
        } catch (ConfigException e) {
            errors.add(e.getMessage());
        }
        try {
            proxies = TrustedProxies.parse(settings.optional(TrustedProxies.SETTING).orElse(""));
        } catch (ConfigException e) {
            errors.add(e.getMessage());
        }
        boolean asksForCertificates = tls.map(t -> t.clientAuth() != ClientAuth.NONE).orElse(false);
        if (errors.isEmpty() && keys != null && keys.anyClientCertificates() && !asksForCertificates) {
            // Behind a TLS-terminating proxy the hub never sees a client certificate: such a sender could never get in.
            errors.add("setting '" + ListenerTls.CLIENT_AUTH + "': api-keys.json lists client certificates for some senders, but the "
                    + "listener " + (tls.isEmpty() ? "speaks plain HTTP" : "does not ask for client certificates")
                    + "; expected TLS on the hub with " + ListenerTls.CLIENT_AUTH + " = request or require");
        }
        if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
        return new ListenerSettings(tls, proxies);
    }
}
