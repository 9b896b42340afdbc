package no.budstikke.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import no.budstikke.model.Attachment;

/**
 * The files a file-based channel (SFTP, the sandbox) writes for one notice: each of the document's
 * attachments as {@code <noticeId>-<name>}, then the document itself as {@code <noticeId>.json}.
 * The notice comes last, so an office that picks up {@code <noticeId>.json} finds its files there.
 * Names come from the notice id and the attachment's checked name only, so a resend writes the same
 * files and no name can leave the office's folder.
 */
public final class NoticeFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file: its name in the office's folder and its text (written as UTF-8). */
    public record File(String name, String content) {
        @Override
        public String toString() {
            return "File[" + name + "]"; // the content is personal data
        }
    }

    private NoticeFiles() {
    }

    /** The attachments, then the notice; throws {@link IllegalArgumentException} for an attachment that cannot be a file. */
    public static List<File> of(Delivery d) {
        List<File> files = new ArrayList<>(attachments(d));
        files.add(new File(d.noticeId() + ".json", d.document()));
        return List.copyOf(files);
    }

    public static List<File> attachments(Delivery d) {
        JsonNode document;
        try {
            document = JSON.readTree(d.document());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the document of notice " + d.noticeId() + " is not JSON");
        }
        List<File> out = new ArrayList<>();
        for (JsonNode a : document.path("attachments")) {
            String name = a.path("name").asText("");
            if (!Attachment.NAME.matcher(name).matches() || !a.path("content").isTextual()) {
                throw new IllegalArgumentException("an attachment of notice " + d.noticeId() + " has no usable name or content");
            }
            out.add(new File(d.noticeId() + "-" + name, a.path("content").textValue()));
        }
        return out;
    }

    /** For the SFTP route's loop. */
    public static File at(List<File> files, int index) {
        return files.get(index);
    }
}
