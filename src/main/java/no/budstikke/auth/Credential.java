package no.budstikke.auth;

import java.util.List;
import java.util.Set;

/**
 * An authenticated caller. {@code sources} are the CloudEvents sources it may send; a pattern
 * ending in {@code *} covers every source with that prefix. {@code ops} callers may use the ops API;
 * {@code roles} widen what they see there (see {@link #OPS_PII}).
 */
public record Credential(String name, List<String> sources, boolean ops, Set<String> roles) {

    /** The role that lets an ops caller see health data and raw quarantined input. */
    public static final String OPS_PII = "ops-pii";
    /**
     * The role of a scraper: detailed health and metrics on the management port, and nothing else.
     * The one role a key without {@code "ops": true} may have.
     */
    public static final String METRICS = "metrics";
    /** Every role api-keys.json may name. */
    public static final Set<String> ROLES = Set.of(OPS_PII, METRICS);

    public Credential {
        sources = List.copyOf(sources);
        roles = Set.copyOf(roles);
    }

    public Credential(String name, List<String> sources, boolean ops) {
        this(name, sources, ops, Set.of());
    }

    public boolean mayPublish(String source) {
        return SourcePatterns.matches(sources, source);
    }

    /** Whether answers to this caller may hold health data (and raw input, which may hold it). */
    public boolean maySeeHealthData() {
        return ops && roles.contains(OPS_PII);
    }

    /** Whether this caller may read detailed health and metrics on the management port. */
    public boolean mayReadManagement() {
        return ops || roles.contains(METRICS);
    }

    @Override
    public String toString() {
        return "Credential[" + name + "]";
    }
}
