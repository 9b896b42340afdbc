package no.budstikke.http.openapi;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** {@code GET /api/v1/events/{key}}: an event's processing status and its notices, without personal data. */
@Schema(requiredProperties = {"key", "source", "id", "type", "channel", "receivedAt", "status", "statusChangedAt", "notices",
        "unresolved"})
public record EventStatus(String key, String source, String id, String type, String channel, String receivedAt, String status,
                          String statusChangedAt, List<Notice> notices, int unresolved) {

    /** One notice the event gave rise to. */
    @Schema(name = "EventNotice", requiredProperties = {"noticeId", "duty", "copy", "priority", "role", "officeId", "channel",
            "status"})
    public record Notice(String noticeId, String duty, boolean copy, String priority, String role, String officeId, String channel,
                         String status) {
    }
}
