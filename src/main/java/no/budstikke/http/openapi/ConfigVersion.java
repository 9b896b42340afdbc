package no.budstikke.http.openapi;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code GET /api/v1/config}: the config version this instance runs, and the newest one accepted on the database. */
@Schema(requiredProperties = {"version", "loadedAt"})
public record ConfigVersion(String version, String loadedAt, Accepted accepted) {

    /** The newest version accepted on the database, by whom and when; absent before the first. */
    @Schema(name = "AcceptedConfigVersion", requiredProperties = {"version", "acceptedBy", "acceptedAt"})
    public record Accepted(String version, String acceptedBy, String acceptedAt) {
    }
}
