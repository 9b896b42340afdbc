package no.budstikke.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * Builds the standardised notice (schemas/notice/notice-v1.schema.json) once, when the notice is
 * decided. Every attempt on every channel then delivers the same bytes. The removed fields stay
 * behind in the journal: they are never part of the document. A notice's attachments (the O39
 * CSV) are in it too, as text, so each channel can deliver them from the document alone.
 */
public final class NoticeDocument {

    public static final String SCHEMA = "https://budstikke.example/schemas/notice/notice-v1.schema.json";

    private final String senderOrganisation;

    public NoticeDocument(String senderOrganisation) {
        this.senderOrganisation = senderOrganisation;
    }

    public ObjectNode build(String noticeId, String eventKey, JsonNode event, Notice n, OffsetDateTime createdAt) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("schema", SCHEMA);
        d.put("noticeId", noticeId);
        d.put("duty", n.duty());
        d.put("copy", n.copy());
        d.put("kind", n.kind());
        d.put("priority", n.priority().name());
        d.put("purpose", n.purpose());
        d.put("legalBasis", n.legalBasis());
        d.put("createdAt", Rfc3339.format(createdAt));
        d.putObject("sender").put("system", "budstikke").put("organisation", senderOrganisation);
        d.putObject("recipient")
                .put("officeId", n.recipient().id())
                .put("role", n.recipient().role().name())
                .put("name", n.recipient().name());
        d.putObject("event")
                .put("key", eventKey)
                .put("source", event.path("source").asText())
                .put("id", event.path("id").asText())
                .put("type", event.path("type").asText())
                .put("time", event.path("time").asText());
        ArrayNode flags = d.putArray("flags");
        n.flags().forEach(flags::add);
        d.set("content", n.content());
        // Only when there are files: every other notice's document stays exactly as before.
        if (!n.attachments().isEmpty()) {
            ArrayNode files = d.putArray("attachments");
            n.attachments().forEach(a -> files.addObject().put("name", a.name()).put("mediaType", a.mediaType())
                    .put("content", a.content()));
        }
        return d;
    }
}
