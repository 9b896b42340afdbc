package no.budstikke.dispatch.model;

/**
 * A duty that applies but whose recipient could not be resolved, such as a municipality
 * missing from the directory. Reported to ops; {@code reason} holds no personal data.
 */
public record Unresolved(String duty, Role role, String reason) {
}
