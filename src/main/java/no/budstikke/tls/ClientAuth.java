package no.budstikke.tls;

import java.util.Locale;
import java.util.Optional;

/** Whether the listener asks TLS clients for a certificate. */
public enum ClientAuth {
    /** No certificate is asked for. */
    NONE,
    /** A certificate is asked for; a client without one still connects, and api-keys.json decides per sender. */
    REQUEST,
    /** A client without a certificate the truststore trusts is refused during the handshake. */
    REQUIRE;

    static Optional<ClientAuth> parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(NONE);
            case "request" -> Optional.of(REQUEST);
            case "require" -> Optional.of(REQUIRE);
            default -> Optional.empty();
        };
    }
}
