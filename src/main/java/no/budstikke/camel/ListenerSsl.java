package no.budstikke.camel;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import io.vertx.core.http.HttpServerRequest;
import no.budstikke.tls.ListenerTls;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's TLS as camel-platform-http and Vert.x take it. Camel's global SSL context (used by
 * the intake server only: {@code camel.server.useGlobalSslContextParameters}) carries the key and the
 * trusted authorities; Camel passes no protocols or client authentication on to Vert.x, so
 * {@link #harden} sets those on the server options {@link GuardedVertx} sees.
 */
public final class ListenerSsl {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerSsl.class);

    private ListenerSsl() {
    }

    public static SSLContextParameters parameters(ListenerTls tls) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setKeyStore(tls.keyStore());
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(keyStore);
        keys.setKeyPassword(new String(tls.keyPassword()));
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keys);
        tls.trustStore().ifPresent(store -> {
            KeyStoreParameters trustStore = new KeyStoreParameters();
            trustStore.setKeyStore(store);
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(trustStore);
            parameters.setTrustManagers(trust);
        });
        return parameters;
    }

    /** Only the configured protocols (TLS 1.2 and 1.3 at most), and client certificates as configured. */
    static void harden(HttpServerOptions options, ListenerTls tls) {
        options.setEnabledSecureTransportProtocols(tls.protocols());
        options.setClientAuth(switch (tls.clientAuth()) {
            case NONE -> ClientAuth.NONE;
            case REQUEST -> ClientAuth.REQUEST;
            case REQUIRE -> ClientAuth.REQUIRED;
        });
        if (tls.trustStore().isEmpty()) options.setTrustOptions(null);
        LOG.info("intake listener: TLS {}, client certificates {}", tls.protocols(), tls.clientAuth());
    }

    /** The subject of the client certificate the handshake verified, if the request came over TLS with one. */
    static Optional<X500Principal> clientSubject(HttpServerRequest request) {
        SSLSession session = request.sslSession();
        if (session == null) return Optional.empty();
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate c ? Optional.of(c.getSubjectX500Principal()) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }
}
