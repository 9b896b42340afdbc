package no.budstikke.http;

/**
 * The shape of every problem answer (RFC 9457), as the OpenAPI description states it. {@link Problems}
 * builds them; some add members of their own (violations, results, quarantineId, reason).
 */
public record Problem(String type, String title, int status, String detail) {
}
