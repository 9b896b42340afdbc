package no.budstikke.console.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The state of a login begun at the OpenID Connect issuer, held by the browser until the issuer
 * sends it back. SameSite=Lax, unlike the session cookie: the callback is a navigation from the
 * issuer's site, which a Strict cookie would not accompany. Path=/console/oidc keeps it off every
 * other request.
 */
public final class LoginStateCookie {

    public static final String NAME = "budstikke_oidc_state";
    private static final String ATTRIBUTES = "; Path=" + ConsoleAccess.OIDC + "; HttpOnly; Secure; SameSite=Lax";
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_.~-]{16,200}");

    private LoginStateCookie() {
    }

    public static String set(String state, Duration lifetime) {
        return NAME + "=" + state + ATTRIBUTES + "; Max-Age=" + lifetime.toSeconds();
    }

    public static String cleared() {
        return NAME + "=" + ATTRIBUTES + "; Max-Age=0";
    }

    /** The state in a Cookie request header, if there is exactly one of a plausible shape. */
    public static Optional<String> read(String cookieHeader) {
        if (cookieHeader == null) return Optional.empty();
        String found = null;
        for (String part : cookieHeader.split(";")) {
            String p = part.trim();
            if (p.startsWith(NAME + "=")) {
                if (found != null) return Optional.empty();
                found = p.substring(NAME.length() + 1);
            }
        }
        return Optional.ofNullable(found).filter(s -> STATE.matcher(s).matches());
    }
}
