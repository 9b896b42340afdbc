package no.budstikke.camel;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request path as the access log may show it. A careless or hostile client can put anything in
 * a path or query (a name, a DUF number), so only what the hub itself puts there is kept: the
 * words of its own paths, event keys (opaque hashes), UUIDs and short numeric ids. Every other
 * segment becomes {@code …}, and the query string is dropped whole.
 */
public final class AccessPath {

    /** Every literal segment of the hub's HTTP paths (RoutesAccessPathTest checks the routes against it). */
    static final Set<String> WORDS = Set.of(
            "api", "v1", "openapi.json", "events", "release", "reject", "quarantine", "notices", "replay", "cancel",
            "offices", "journal", "case", "cases", "state", "gaps", "tasks", "ack", "alerts", "deadlines", "config",
            "reload", "erasure",
            "observe", "health", "live", "ready", "metrics", "info",
            "console", "static", "console.css", "logg-inn", "logg-ut", "oppgaver", "varsler", "kvitter", "oidc", "start",
            "meldinger", "frister", "send-pa-nytt", "avbryt",
            "saksjournal", "karantene", "side", "oppsett");

    private static final Pattern OPAQUE = Pattern.compile(
            "[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9]{1,9}");
    private static final int MAX_SEGMENTS = 12;

    private AccessPath() {
    }

    /** {@code rawPath} without its query, each segment kept only if it is one of the hub's words or an opaque id. */
    public static String shown(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) return "/";
        int query = rawPath.indexOf('?');
        String path = query < 0 ? rawPath : rawPath.substring(0, query);
        String[] segments = path.split("/", -1);
        StringBuilder shown = new StringBuilder();
        int count = 0;
        for (int i = 1; i < segments.length; i++) {
            if (++count > MAX_SEGMENTS) {
                shown.append("/…");
                break;
            }
            String s = segments[i];
            shown.append('/').append(s.isEmpty() || WORDS.contains(s) || OPAQUE.matcher(s).matches() ? s : "…");
        }
        return shown.length() == 0 ? "/" : shown.toString();
    }
}
