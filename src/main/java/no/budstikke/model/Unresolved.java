package no.budstikke.model;

/**
 * A duty that applies but whose recipient could not be resolved, such as a municipality
 * missing from the directory. Reported to ops at once; {@code reason} holds no personal data.
 *
 * @param priority     the priority the notice would have had: the alert to ops carries it
 * @param municipality the municipality number the role was looked up for, when there was one
 * @param fallback     the office the directory names for the role instead, which got the notice;
 *                     null when the directory names none (then nobody was told)
 */
public record Unresolved(String duty, Role role, String reason, Priority priority, String municipality, String fallback) {

    /** A gap with no fallback, at NORMAL priority: the hub's own notices (the O39 report). */
    public Unresolved(String duty, Role role, String reason) {
        this(duty, role, reason, Priority.NORMAL, null, null);
    }
}
