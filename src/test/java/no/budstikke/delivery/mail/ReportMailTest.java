package no.budstikke.delivery.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import no.budstikke.alert.Alerts;
import no.budstikke.amot.TertialReport;
import no.budstikke.delivery.Delivery;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.model.Attachment;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.Office;
import no.budstikke.model.Priority;
import org.junit.jupiter.api.Test;

/** The O39 report by mail: the shipped template, and the CSV as a MIME attachment of its own. */
class ReportMailTest {

    static final String CSV = "agreementId,familyName\r\nAMOT-1,\"Berg, Jr.\"\r\nAMOT-2,Ødegård\r\n";

    final MailComposer composer = composer();

    @Test
    void theCsvIsAnAttachmentOfItsOwnNextToTheNoticeByteForByte() throws Exception {
        Delivery d = report(CSV);

        MimeMultipart parts = (MimeMultipart) roundTrip(d).getContent();

        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("notice-" + d.noticeId() + ".json");
        BodyPart csv = parts.getBodyPart(2);
        assertThat(csv.getFileName()).isEqualTo("amot-2026-T3-ost.csv");
        assertThat(csv.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(csv.getContentType()).startsWith("text/csv; charset=UTF-8");
        assertThat(csv.getInputStream().readAllBytes()).isEqualTo(CSV.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theBodyNamesPeriodRegionCountAndBothFilesButNoRow() throws Exception {
        Delivery d = report(CSV);
        MimeMessage m = roundTrip(d);
        String body = (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();

        assertThat(m.getSubject()).startsWith("Tertialrapport: grunnlagsdata").doesNotContain("Øst");
        assertThat(body).doesNotContain("{{").contains("Tertial: 2026-T3").contains("UDI-region: Øst")
                .contains("Løpende avtaler: 2").contains("Kolonner: agreementId, familyName")
                .contains("Varslingsplikt: O39").contains("Rettslig grunnlag for utleveringen: a legal basis")
                .contains("Vedlegg: notice-" + d.noticeId() + ".json og amot-2026-T3-ost.csv")
                .doesNotContain("Berg").doesNotContain("AMOT-1");
    }

    @Test
    void anAttachmentWithoutAUsableNameStopsTheMail() {
        Delivery d = report(CSV);
        String broken = d.document().replace("\"amot-2026-T3-ost.csv\"", "\"../amot.csv\"");
        assertThatThrownBy(() -> composer.compose(TestNotices.withDocument(d, broken)))
                .isInstanceOf(MailCompositionException.class).hasMessageContaining("attachment");
    }

    static MailComposer composer() {
        Set<String> kinds = new TreeSet<>(TestNotices.kinds());
        kinds.add(TertialReport.KIND);
        Set<String> fields = new TreeSet<>(Alerts.CONTENT_FIELDS);
        fields.addAll(TertialReport.CONTENT_FIELDS);
        return new MailComposer(MailTemplates.load(TestNotices.CONFIG, kinds, fields), "Budstikke <budstikke@hub.example>",
                TestNotices.CLOCK);
    }

    static Delivery report(String csv) {
        Office udi = TestNotices.HUB.directory().offices().stream().filter(o -> o.id().equals("udi-region-ost")).findFirst().orElseThrow();
        ObjectNode content = Fixtures.JSON.createObjectNode().put("period", "2026-T3").put("udiRegion", "Øst").put("agreements", 2)
                .put("file", "amot-2026-T3-ost.csv");
        content.putArray("columns").add("agreementId").add("familyName");
        Notice n = new Notice("O39", false, TertialReport.KIND, Priority.NORMAL, udi, "amot", "a legal basis", content, List.of(),
                List.of(), null, List.of(new Attachment("amot-2026-T3-ost.csv", "text/csv", csv)));
        Delivery d = TestNotices.delivery(Fixtures.valid("no.udi.duf.amot.tertial-due.v1"), n);
        assertThat(d.channel()).isEqualTo(Channel.MAIL);
        return d;
    }

    private MimeMessage roundTrip(Delivery d) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        composer.writeEml(d, out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }
}
