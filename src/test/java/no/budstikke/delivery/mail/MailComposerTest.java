package no.budstikke.delivery.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import no.budstikke.config.ConfigException;
import no.budstikke.delivery.Delivery;
import no.budstikke.model.Priority;
import org.junit.jupiter.api.Test;

class MailComposerTest {

    static final String TITLES = "(\\[HASTER\\] |\\[HØY\\] )?[^\\[\\]]+( \\(kopi\\))? – ref [0-9a-f]{8}";

    final MailComposer composer = TestNotices.composer();
    final List<Delivery> notices = TestNotices.all();

    @Test
    void theTestNoticesCoverEveryKind() {
        Set<String> kinds = new TreeSet<>();
        notices.forEach(d -> kinds.add(d.kind()));
        assertThat(kinds).isEqualTo(TestNotices.kinds());
    }

    @Test
    void subjectsCarryTitlePriorityAndReferenceButNoValueFromTheContent() throws Exception {
        for (Delivery d : notices) {
            String subject = composer.compose(d).getSubject();
            assertThat(subject).as(d.kind()).matches(TITLES).endsWith("ref " + d.noticeId().substring(0, 8));
            for (String value : TestNotices.contentTexts(d)) {
                if (value.length() >= 3) assertThat(subject).as(d.kind() + " subject").doesNotContain(value);
            }
        }
    }

    @Test
    void anUrgentNoticeIsMarkedHasterAndAHighOneHoy() throws Exception {
        Delivery o20 = TestNotices.of("missing", "O20");
        assertThat(o20.priority()).isEqualTo(Priority.URGENT);
        assertThat(composer.compose(o20).getSubject())
                .isEqualTo("[HASTER] Melding om savnet enslig mindreårig – ref " + o20.noticeId().substring(0, 8));

        Delivery o15 = TestNotices.of("leave-applied", "O15");
        assertThat(composer.compose(o15).getSubject()).startsWith("[HØY] Søknad om permisjon");

        Delivery o3 = TestNotices.of("arrived", "O3");
        assertThat(composer.compose(o3).getSubject()).startsWith("Melding om behov for skoleplass – ref");
    }

    @Test
    void everyBodyRendersCompletelyAndStatesDutyLegalBasisAndAttachment() throws Exception {
        for (Delivery d : notices) {
            String body = body(composer.compose(d));
            String legalBasis = TestNotices.read(d).path("legalBasis").asText();
            assertThat(body).as(d.kind() + " " + d.duty())
                    .doesNotContain("{{").doesNotContain("}}")
                    .contains("Varslingsplikt: " + d.duty())
                    .contains(legalBasis)
                    .contains("Vedlegg: notice-" + d.noticeId() + ".json")
                    .contains("Vedlegget er det gjeldende varselet");
        }
    }

    @Test
    void theAttachmentIsTheDocumentByteForByte() throws Exception {
        Delivery o12 = TestNotices.of("moved-without-clearance", "O12");
        // line feeds, a carriage return and non-ASCII letters, as a document may have them
        String document = o12.document().replace("\"copy\"", "\"copy\"\r") + "\n";
        Delivery d = TestNotices.withDocument(o12, document);

        MimeMessage parsed = roundTrip(d);
        BodyPart attachment = ((MimeMultipart) parsed.getContent()).getBodyPart(1);

        assertThat(attachment.getFileName()).isEqualTo("notice-" + d.noticeId() + ".json");
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getContentType()).startsWith("application/json; charset=UTF-8");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(document.getBytes(StandardCharsets.UTF_8));
        assertThat(document).contains("mindreårige");
    }

    @Test
    void theMessageIdIsTheNoticeIdOnEveryComposition() throws Exception {
        Delivery d = TestNotices.of("missing", "O21");
        MimeMessage first = composer.compose(d);
        MimeMessage second = composer.compose(d);
        second.saveChanges(); // what the mail sender does before sending

        String expected = "<" + d.noticeId() + "@budstikke.example>";
        assertThat(first.getMessageID()).isEqualTo(expected).isEqualTo(MailComposer.messageId(d.noticeId()));
        assertThat(second.getMessageID()).isEqualTo(expected);
        assertThat(roundTrip(d).getMessageID()).isEqualTo(expected);
        assertThat(first.getHeader(MailComposer.NOTICE_ID_HEADER, null)).isEqualTo(d.noticeId());
    }

    @Test
    void anEmlFileIsTheMessageAsSent() throws Exception {
        Delivery d = TestNotices.of("missing", "O22");

        MimeMessage eml = roundTrip(d);

        assertThat(eml.getFrom()).containsExactly(new InternetAddress("budstikke@hub.example", "Budstikke"));
        assertThat(eml.getRecipients(RecipientType.TO)).containsExactly(new InternetAddress(d.address()));
        assertThat(eml.getRecipients(RecipientType.CC)).isNull();
        assertThat(eml.getSubject()).isEqualTo(composer.compose(d).getSubject());
        assertThat(eml.getSentDate()).isEqualTo(java.util.Date.from(TestNotices.CLOCK.instant()));
        assertThat(eml.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(eml.getHeader("Importance", null)).isEqualTo("high");
        assertThat(body(eml)).contains("BEKYMRINGSMELDING").contains("Amina Hassan");
        assertThat(((MimeMultipart) eml.getContent()).getBodyPart(0).getContentType()).isEqualTo("text/plain; charset=UTF-8");
    }

    @Test
    void theRecipientMustBeExactlyOneAddress() {
        Delivery d = TestNotices.of("missing", "O22");
        for (String bad : List.of("barnevern@oslo.kommune.example, other@evil.example", "group: a@x.example, b@y.example;",
                "not an address", "")) {
            assertThatThrownBy(() -> composer.compose(TestNotices.withAddress(d, bad)))
                    .isInstanceOf(MailCompositionException.class)
                    .hasMessageNotContaining("evil").hasMessageNotContaining("@");
        }
    }

    @Test
    void aDocumentOfAnotherNoticeIsRefused() {
        Delivery o22 = TestNotices.of("missing", "O22");
        Delivery o21 = TestNotices.of("missing", "O21");

        assertThatThrownBy(() -> composer.compose(TestNotices.withDocument(o22, o21.document())))
                .isInstanceOf(MailCompositionException.class).hasMessageContaining("is not that notice");
        assertThatThrownBy(() -> composer.compose(TestNotices.withDocument(o22, "{not json")))
                .isInstanceOf(MailCompositionException.class).hasMessageContaining("is not JSON");
    }

    @Test
    void theSenderMustBeOneAddress() {
        MailTemplates templates = MailTemplates.load(TestNotices.CONFIG, TestNotices.kinds());
        assertThatThrownBy(() -> new MailComposer(templates, "a@x.example, b@x.example"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("budstikke.mail.from");
    }

    private MimeMessage roundTrip(Delivery d) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        composer.writeEml(d, out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    static String body(MimeMessage m) throws Exception {
        return (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
    }
}
