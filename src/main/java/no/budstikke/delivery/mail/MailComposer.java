package no.budstikke.delivery.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import no.budstikke.config.ConfigException;
import no.budstikke.delivery.Delivery;
import no.budstikke.model.Attachment;
import no.budstikke.model.Priority;

/**
 * Makes one notice into one e-mail: a subject without personal data, a plain-text bokmål body from
 * the kind's template, the notice document attached byte for byte as {@code notice-<id>.json}, each
 * of the document's own attachments (the O39 CSV) as a file of its name, and a Message-ID derived from the notice id, so that every attempt at the same notice is the same
 * message to the recipient's mail system.
 */
public final class MailComposer {

    public static final String NOTICE_ID_HEADER = "X-Budstikke-Notice-Id";
    static final String MESSAGE_ID_DOMAIN = "budstikke.example";
    private static final Pattern NOTICE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<MailTemplates> templates;
    private final InternetAddress from;
    private final Clock clock;
    private final TemplateRenderer renderer = new TemplateRenderer();
    private final Session session = Session.getInstance(new Properties());

    public MailComposer(MailTemplates templates, String from) {
        this(templates, from, Clock.systemUTC());
    }

    public MailComposer(MailTemplates templates, String from, Clock clock) {
        this(() -> templates, from, clock);
    }

    /** @param templates the templates now loaded: a reload may replace them between two mails */
    public MailComposer(Supplier<MailTemplates> templates, String from, Clock clock) {
        this.templates = templates;
        this.from = single(from).orElseThrow(() -> new ConfigException(
                "setting 'budstikke.mail.from' must be one e-mail address, got '" + from + "'"));
        this.clock = clock;
    }

    public MimeMessage compose(Delivery delivery) throws MessagingException {
        String id = delivery.noticeId();
        if (id == null || !NOTICE_ID.matcher(id).matches()) throw new MailCompositionException("notice id is not 32 hex digits");
        InternetAddress to = single(delivery.address()).orElseThrow(() -> new MailCompositionException(
                "the address of office '" + delivery.officeId() + "' is not one e-mail address (notice " + id + ")"));
        JsonNode document = document(delivery);
        MailTemplate template = templates.get().forKind(delivery.kind());

        MimeMessage m = new NoticeMessage(session, messageId(id));
        m.setFrom(from);
        m.setRecipient(RecipientType.TO, to);
        m.setSubject(subject(template, delivery.priority(), document.path("copy").asBoolean(), id), "UTF-8");
        m.setSentDate(Date.from(clock.instant()));
        m.setHeader(NOTICE_ID_HEADER, id);
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("Content-Language", "nb");
        if (delivery.priority() != Priority.NORMAL) m.setHeader("Importance", "high");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(renderer.render(template, document), "UTF-8", "plain");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(
                delivery.document().getBytes(StandardCharsets.UTF_8), "application/json; charset=UTF-8")));
        attachment.setFileName(TemplateRenderer.attachmentName(id));
        attachment.setDisposition(Part.ATTACHMENT);
        // base64 keeps the bytes exact: a text encoding would let line endings be rewritten on the way
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        MimeMultipart parts = new MimeMultipart("mixed", text, attachment);
        for (JsonNode file : document.path("attachments")) parts.addBodyPart(file(file, id));
        m.setContent(parts);
        m.saveChanges();
        return m;
    }

    /** One of the document's attachments (the O39 CSV) as a MIME attachment of its own, UTF-8 text. */
    private static MimeBodyPart file(JsonNode file, String noticeId) throws MessagingException {
        String name = file.path("name").asText();
        String type = file.path("mediaType").asText();
        if (!Attachment.NAME.matcher(name).matches() || !Attachment.MEDIA_TYPE.matcher(type).matches() || !file.path("content").isTextual()) {
            throw new MailCompositionException("an attachment of notice " + noticeId + " has no usable name, type or content");
        }
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(
                file.path("content").textValue().getBytes(StandardCharsets.UTF_8), type + "; charset=UTF-8")));
        part.setFileName(name);
        part.setDisposition(Part.ATTACHMENT);
        // As for the notice: base64 keeps a CSV's CRLF line ends exactly as written.
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /** The same message as {@link #compose} sends, as RFC 822 bytes (an .eml file), for the sandbox. */
    public void writeEml(Delivery delivery, OutputStream out) throws IOException, MessagingException {
        compose(delivery).writeTo(out);
    }

    /** {@code <noticeId@budstikke.example>}: every attempt at one notice carries the same Message-ID. */
    public static String messageId(String noticeId) {
        return "<" + noticeId + "@" + MESSAGE_ID_DOMAIN + ">";
    }

    static String subject(MailTemplate template, Priority priority, boolean copy, String noticeId) {
        return Bokmal.subjectMarker(priority) + template.subjectTitle() + (copy ? " (kopi)" : "")
                + " – ref " + TemplateRenderer.ref(noticeId);
    }

    private static JsonNode document(Delivery delivery) {
        JsonNode document;
        try {
            document = delivery.document() == null ? null : JSON.readTree(delivery.document());
        } catch (JsonProcessingException e) {
            throw new MailCompositionException("the document of notice " + delivery.noticeId() + " is not JSON");
        }
        if (document == null || !document.isObject() || !delivery.noticeId().equals(document.path("noticeId").asText())) {
            throw new MailCompositionException("the document of notice " + delivery.noticeId() + " is not that notice");
        }
        return document;
    }

    /** One plain address: a list or a group would send the notice to more than one office. */
    private static Optional<InternetAddress> single(String address) {
        if (address == null) return Optional.empty();
        try {
            InternetAddress[] parsed = InternetAddress.parse(address.strip(), true);
            if (parsed.length != 1 || parsed[0].isGroup()) return Optional.empty();
            parsed[0].validate();
            return Optional.of(parsed[0]);
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    /** Keeps its Message-ID through {@code saveChanges()}, which would otherwise make a new one each time. */
    private static final class NoticeMessage extends MimeMessage {
        private final String messageId;

        NoticeMessage(Session session, String messageId) throws MessagingException {
            super(session);
            this.messageId = messageId;
            setHeader("Message-ID", messageId);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
