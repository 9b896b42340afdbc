package no.budstikke.auth;

import java.util.List;
import java.util.Optional;

/**
 * The one way a sender's allowed sources are written and matched, in api-keys.json and in the file
 * drop's folder bindings: an exact source, or a prefix ending in {@code *}. Only upstream
 * sources ({@code urn:no:udi:}) can be named, so no binding ever covers the hub's own events.
 */
public final class SourcePatterns {

    public static final String UPSTREAM = "urn:no:udi:";

    private SourcePatterns() {
    }

    public static boolean matches(List<String> patterns, String source) {
        for (String pattern : patterns) {
            if (pattern.endsWith("*") ? source.startsWith(pattern.substring(0, pattern.length() - 1)) : source.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** What is wrong with a pattern, if anything. */
    public static Optional<String> problem(String pattern) {
        return pattern.startsWith(UPSTREAM) ? Optional.empty()
                : Optional.of("expected a source starting with " + UPSTREAM + " (a trailing * matches a prefix)");
    }

    /**
     * The patterns of a JSON array in a config file, each checked; a problem is added to
     * {@code errors} under {@code at} (the array's JSON pointer) and the index of the entry.
     */
    public static List<String> read(com.fasterxml.jackson.databind.JsonNode array, String at, List<String> errors) {
        List<String> patterns = new java.util.ArrayList<>();
        for (int j = 0; j < array.size(); j++) {
            String pattern = array.get(j).asText("");
            String where = at + "/" + j;
            problem(pattern).ifPresent(why -> errors.add(where + ": " + why));
            patterns.add(pattern);
        }
        return patterns;
    }
}
