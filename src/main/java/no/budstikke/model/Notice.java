package no.budstikke.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * One notice decided for one office. {@code content} is the event's {@code data}, redacted by
 * the recipient's policy. {@code removedFields} are the JSON pointers that were taken out: kept
 * for the journal, never delivered. {@code flags} are derived checks (O15) the recipient sees.
 * {@code taskDue}, when set, makes the notice a task for staff (channel TASK) due that long after
 * it is decided. {@code attachments} are files that go with it (the O39 report's CSV); most
 * notices have none.
 */
public record Notice(
        String duty,
        boolean copy,
        String kind,
        Priority priority,
        Office recipient,
        String purpose,
        String legalBasis,
        ObjectNode content,
        List<String> removedFields,
        List<String> flags,
        Duration taskDue,
        List<Attachment> attachments) {

    public Notice {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A notice to be sent, without attachments. */
    public Notice(String duty, boolean copy, String kind, Priority priority, Office recipient, String purpose,
                  String legalBasis, ObjectNode content, List<String> removedFields, List<String> flags) {
        this(duty, copy, kind, priority, recipient, purpose, legalBasis, content, removedFields, flags, null, List.of());
    }

    @Override
    public String toString() {
        return "Notice[" + duty + (copy ? " copy" : "") + " → " + recipient.id() + ", " + priority + "]";
    }
}
