package no.budstikke.auth;

import java.util.Optional;
import java.util.regex.Pattern;

/** Tells a JWT from an API key by its form: three base64url parts joined by dots, the first a JSON header. */
public final class BearerJwt {

    private static final Pattern COMPACT_JWS = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private BearerJwt() {
    }

    /** The JWT in an {@code Authorization: Bearer <jwt>} header; empty for anything else, such as an API key. */
    public static Optional<String> of(String authorizationHeader) {
        if (authorizationHeader == null) return Optional.empty();
        String header = authorizationHeader.trim();
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        String token = header.substring(7).trim();
        return COMPACT_JWS.matcher(token).matches() ? Optional.of(token) : Optional.empty();
    }
}
