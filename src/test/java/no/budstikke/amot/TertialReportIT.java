package no.budstikke.amot;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import no.budstikke.amot.AmotEvents.Person;
import no.budstikke.model.NoticeId;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.NoticeSchema;
import no.budstikke.testing.OfficeServers;
import no.budstikke.testing.SftpTestServer;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * O39 end to end: agreements signed for cases in three UDI regions, one of them and one more
 * ended since; a tertial-due event from DUF; each region with running agreements gets one report,
 * UDI region Øst by real mail to GreenMail with the CSV as a MIME attachment, UDI region Vest over
 * SFTP to Apache MINA SSHD with the CSV as a file next to the notice. Nothing personal is logged.
 */
class TertialReportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Duration WAIT = Duration.ofSeconds(30);

    static final Person AMINA = new Person("201912345678", "Amina", "Hassan", "2010-03-14", "SOM");
    static final Person ODD = new Person("202001010002", "=HYPERLINK(\"http://evil.example\")", "Ødegård, Jr.", "2009-12-01", "AFG");
    static final Person YUSUF = new Person("202101010003", "Yusuf", "Abdikadir", "2011-06-30", "ERI");
    static final Person SETTLED = new Person("202201010004", "Hodan", "Warsame", "2010-07-07", "SOM");
    static final Person PERMITTED = new Person("202301010005", "Idil", "Osman", "2009-02-02", "SOM");
    static final List<String> PERSONAL = List.of("201912345678", "Amina", "Hassan", "2010-03-14", "202001010002", "HYPERLINK",
            "Ødegård", "2009-12-01", "202101010003", "Yusuf", "Abdikadir", "2011-06-30", "202201010004", "Hodan", "Warsame",
            "202301010005", "Idil", "Osman", "AMOT-2026-", "doc-amot-");

    @TempDir
    static Path dir;

    private static OfficeServers offices;
    private static GreenMail smtp;
    private static SftpTestServer sftp;
    private static TestHub hub;
    private static LogCapture logs;

    @BeforeAll
    static void start() throws Exception {
        offices = OfficeServers.start(dir);
        smtp = offices.smtp;
        sftp = offices.sftp;
        Path config = offices.configFolder(dir.resolve("offices"));
        // UDI region Øst reads its reports by mail, UDI region Vest from its SFTP folder.
        ObjectNode directory = (ObjectNode) YAML.readTree(config.resolve("directory.yaml").toFile());
        for (JsonNode office : directory.path("offices")) {
            ObjectNode o = (ObjectNode) office;
            switch (o.path("id").asText()) {
                case "udi-region-ost" -> o.put("channel", "mail").put("address", "udi-region-ost@offices.example");
                case "udi-region-vest" -> o.put("channel", "sftp").put("address", sftp.baseUrl() + "/udi-region-vest");
                default -> { }
            }
            if (o.path("channel").asText().equals("sftp")) sftp.folder(o.path("id").asText());
        }
        YAML.writeValue(config.resolve("directory.yaml").toFile(), directory);

        Map<String, String> p = offices.hubSettings(dir.resolve("hub"), config);
        logs = LogCapture.attach();
        hub = TestHub.start(p);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) hub.close();
        if (logs != null) logs.close();
        if (offices != null) offices.close();
    }

    @Test
    void eachRegionWithRunningAgreementsGetsOneReportWithARowPerAgreementByMailAndSftp() throws Exception {
        postAndAwait(AmotEvents.signed("s-1", AMINA, "0301", "AMOT-2026-0001", "2026-05-04T10:00:00+02:00", "doc-amot-1"));
        postAndAwait(AmotEvents.signed("s-2", ODD, "4601", "AMOT-2026-0002", "2026-06-01T09:30:00+02:00", "doc-amot-2, vedlegg"));
        postAndAwait(AmotEvents.signed("s-3", YUSUF, "1103", "AMOT-2026-0003", "2026-07-15T13:00:00+02:00", "doc-amot-3"));
        // Two agreements that have ended: by settlement (Hamar, the only one in Indre Østland) and by a residence permit (Oslo).
        postAndAwait(AmotEvents.signed("s-4", SETTLED, "3403", "AMOT-2026-0004", "2026-05-20T10:00:00+02:00", "doc-amot-4"));
        postAndAwait(AmotEvents.settled("s-4-end", SETTLED, "2026-08-10T10:00:00+02:00"));
        postAndAwait(AmotEvents.signed("s-5", PERMITTED, "0301", "AMOT-2026-0005", "2026-05-21T10:00:00+02:00", "doc-amot-5"));
        postAndAwait(AmotEvents.permit("s-5-end", PERMITTED, "2026-08-12T10:00:00+02:00"));

        String key = postAndAwait(AmotEvents.tertialDue("duf-tertial-2026-T3", "2026-T3", "2026-09-01T06:00:00+02:00"));

        List<String[]> reports = await().atMost(WAIT).until(() -> o39(), r -> r.size() == 2 && r.stream().allMatch(n -> n[2].equals("DELIVERED")));
        assertThat(reports).extracting(r -> r[1]).containsExactly("udi-region-ost", "udi-region-vest");
        assertThat(reports).extracting(r -> r[0]).containsExactly(
                NoticeId.of("O39|2026-T3|Øst", "O39", "udi-region-ost", false), NoticeId.of("O39|2026-T3|Vest", "O39", "udi-region-vest", false));
        assertThat(gaps(key)).isZero();
        List<String> header = List.of("agreementId", "dufNumber", "familyName", "givenName", "birthDate", "amotMunicipalityNumber",
                "amotMunicipalityName", "signedAt", "documentRef");

        // Øst by mail: the CSV is a MIME attachment of its own; the ended Oslo agreement is not in it.
        MimeMessage mail = awaitMail("udi-region-ost@offices.example");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        BodyPart csvPart = parts.getBodyPart(2);
        assertThat(csvPart.getFileName()).isEqualTo("amot-2026-T3-ost.csv");
        assertThat(csvPart.getContentType()).startsWith("text/csv; charset=UTF-8");
        String ost = new String(csvPart.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(CsvRecords.read(ost)).containsExactly(header, List.of("AMOT-2026-0001", "201912345678", "Hassan", "Amina",
                "2010-03-14", "0301", "Oslo", "2026-05-04T10:00:00+02:00", "doc-amot-1"));
        JsonNode mailed = NoticeSchema.parse(parts.getBodyPart(1).getInputStream().readAllBytes());
        assertThat(NoticeSchema.violations(mailed)).isEmpty();
        assertThat(mailed.at("/attachments/0/content").asText()).isEqualTo(ost);
        assertThat(mailed.path("content").path("agreements").asInt()).isEqualTo(1);
        assertThat(mail.getSubject()).doesNotContain("Øst").doesNotContain("Amina");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("UDI-region: Øst").contains("Løpende avtaler: 1")
                .doesNotContain("Amina").doesNotContain("201912345678");

        // Vest over SFTP: the CSV as <id>-amot-2026-T3-vest.csv next to <id>.json, rows by municipality.
        String vestId = reports.get(1)[0];
        assertThat(sftp.files()).filteredOn(f -> f.startsWith("udi-region-vest/"))
                .containsExactlyInAnyOrder("udi-region-vest/" + vestId + "-amot-2026-T3-vest.csv", "udi-region-vest/" + vestId + ".json");
        String vest = Files.readString(sftp.root().resolve("udi-region-vest/" + vestId + "-amot-2026-T3-vest.csv"));
        assertThat(CsvRecords.read(vest)).containsExactly(header,
                List.of("AMOT-2026-0003", "202101010003", "Abdikadir", "Yusuf", "2011-06-30", "1103", "Stavanger",
                        "2026-07-15T13:00:00+02:00", "doc-amot-3"),
                List.of("AMOT-2026-0002", "202001010002", "Ødegård, Jr.", "'=HYPERLINK(\"http://evil.example\")", "2009-12-01",
                        "4601", "Bergen", "2026-06-01T09:30:00+02:00", "doc-amot-2, vedlegg"));
        JsonNode sent = NoticeSchema.parse(Files.readAllBytes(sftp.root().resolve("udi-region-vest/" + vestId + ".json")));
        assertThat(NoticeSchema.violations(sent)).isEmpty();
        assertThat(sent.at("/attachments/0/content").asText()).isEqualTo(vest);
        assertThat(sent.path("legalBasis").asText()).contains("forvaltningsloven § 13 b nr. 5");
        assertThat(sent.at("/event/key").asText()).isEqualTo(key);

        // The journal keeps what was withheld; nothing personal is logged anywhere.
        JsonNode journal = JSON.readTree(hub.get("/api/v1/journal/events/" + key, TestHub.OPS_KEY).body());
        assertThat(journal.toString()).contains("/data/person/nationality");
        List<String> leaked = new ArrayList<>();
        for (String line : logs.lines()) {
            for (String value : PERSONAL) if (line.contains(value)) leaked.add(value + " in: " + line);
        }
        assertThat(leaked).isEmpty();
        assertThat(logs.all()).contains("tertial report period=2026-T3 region=Vest office=udi-region-vest agreements=2");
    }

    private static String postAndAwait(ObjectNode event) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(event), TestHub.DUF_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(r.body());
        await().atMost(WAIT).until(() -> JSON.readTree(hub.get(answer.path("status").asText(), TestHub.OPS_KEY).body())
                .path("status").asText(), "DISPATCHED"::equals);
        return answer.path("key").asText();
    }

    /** The O39 notices: id, office, status, by office. */
    private static List<String[]> o39() throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT notice_id, office_id, status FROM notice WHERE duty = 'O39' ORDER BY office_id");
             ResultSet rs = ps.executeQuery()) {
            List<String[]> out = new ArrayList<>();
            while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            return out;
        }
    }

    private static int gaps(String key) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dispatch_gap WHERE event_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static MimeMessage awaitMail(String to) {
        return await().atMost(WAIT).until(() -> Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getRecipients(RecipientType.TO)[0].toString().equals(to);
            } catch (Exception e) {
                return false;
            }
        }).toList(), l -> l.size() == 1).get(0);
    }
}
