package no.budstikke.http.openapi;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of every problem answer (RFC 9457), as the OpenAPI description states it. {@link no.budstikke.http.Problems}
 * builds them; some add members of their own (violations, results, quarantineId, reason).
 */
@Schema(requiredProperties = {"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail) {
}
