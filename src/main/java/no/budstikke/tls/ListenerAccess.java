package no.budstikke.tls;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.security.auth.x500.X500Principal;
import no.budstikke.auth.ApiKeys;
import no.budstikke.auth.CertificateSubject;
import no.budstikke.auth.Credential;

/**
 * Who may use the listener, beyond the API key: only the listed TLS-terminating proxies when the
 * listener speaks plain HTTP behind them, and a sender whose api-keys.json entry lists client
 * certificate subjects only with one of those certificates. Refusals name no key, subject or address.
 */
public final class ListenerAccess {

    private final ApiKeys keys;
    private final TrustedProxies proxies;

    public ListenerAccess(ApiKeys keys, TrustedProxies proxies) {
        this.keys = keys;
        this.proxies = proxies;
    }

    /** @throws CallerRefusedException when {@code peer} is not a listed proxy */
    public void checkPeer(String peer) {
        if (!proxies.allows(peer)) {
            throw new CallerRefusedException("untrusted-peer", "Only the TLS-terminating proxy may connect",
                    "this listener takes requests only through the proxy in front of it; send the request to its address");
        }
    }

    /**
     * An unknown or missing key passes here, for the handler to answer 401 as it always does.
     *
     * @param presented the subject of the client certificate the TLS handshake verified, read only when needed
     * @throws CallerRefusedException when the key's entry lists subjects and the certificate is none of them
     */
    public void checkCertificate(String authorization, Supplier<Optional<X500Principal>> presented) {
        Optional<Credential> caller = keys.authenticate(authorization);
        if (caller.isEmpty()) return;
        Set<String> allowed = keys.clientCertificates(caller.get());
        if (allowed.isEmpty()) return;
        Optional<X500Principal> subject = presented.get();
        if (subject.isEmpty()) {
            throw new CallerRefusedException("client-certificate", "A client certificate is required",
                    "this credential is used only with its client certificate; present it in the TLS handshake");
        }
        if (!allowed.contains(CertificateSubject.normalized(subject.get()))) {
            throw new CallerRefusedException("client-certificate", "The client certificate does not belong to this credential",
                    "the presented certificate is not among those configured for this credential");
        }
    }
}
