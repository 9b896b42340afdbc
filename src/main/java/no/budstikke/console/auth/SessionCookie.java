package no.budstikke.console.auth;

import java.util.Optional;

/**
 * The session cookie: only the browser's own requests to /console carry it (SameSite=Strict,
 * Path=/console), scripts cannot read it (HttpOnly), and it never travels in clear (Secure;
 * browsers accept that on http://localhost too).
 */
public final class SessionCookie {

    public static final String NAME = "budstikke_console";
    private static final String ATTRIBUTES = "; Path=" + ConsoleAccess.ROOT + "; HttpOnly; Secure; SameSite=Strict";

    private SessionCookie() {
    }

    /** Set-Cookie for a new session; the browser drops it at the session's lifetime at the latest. */
    public static String set(String sessionId, SessionPolicy policy) {
        return NAME + "=" + sessionId + ATTRIBUTES + "; Max-Age=" + policy.lifetime().toSeconds();
    }

    /** Set-Cookie that removes the cookie. */
    public static String cleared() {
        return NAME + "=" + ATTRIBUTES + "; Max-Age=0";
    }

    /** The session id in a Cookie request header, if there is exactly one well-formed one. */
    public static Optional<String> read(String cookieHeader) {
        if (cookieHeader == null) return Optional.empty();
        String found = null;
        for (String part : cookieHeader.split(";")) {
            String p = part.trim();
            if (p.startsWith(NAME + "=")) {
                if (found != null) return Optional.empty(); // two: neither is trusted
                found = p.substring(NAME.length() + 1);
            }
        }
        return Optional.ofNullable(found).filter(Tokens::wellFormed);
    }
}
