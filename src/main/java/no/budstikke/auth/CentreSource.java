package no.budstikke.auth;

import java.util.Optional;

/**
 * The centre a CloudEvents source speaks for: {@code urn:no:udi:mot:centre:<centreId>}. A centre's
 * key is configured with its own source in api-keys.json, so the source a key may publish is what
 * binds the key to one centre; this class reads the centre back out of it.
 */
public final class CentreSource {

    public static final String PREFIX = "urn:no:udi:mot:centre:";

    private CentreSource() {
    }

    /** The centre id of a centre's source; empty for DUF, the hub's own sources and anything else. */
    public static Optional<String> centreOf(String source) {
        if (source == null || !source.startsWith(PREFIX) || source.length() == PREFIX.length()) return Optional.empty();
        return Optional.of(source.substring(PREFIX.length()));
    }
}
