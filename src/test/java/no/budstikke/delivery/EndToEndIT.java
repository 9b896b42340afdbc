package no.budstikke.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import no.budstikke.contract.ContractValidator;
import no.budstikke.delivery.mail.MailComposer;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.CaseState;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeId;
import no.budstikke.testing.NoticeSchema;
import no.budstikke.testing.OfficeServers;
import no.budstikke.testing.SftpTestServer;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, item 8: an event goes in at {@code POST /api/v1/events} and comes out at real servers
 * started here, one per channel: WireMock (HTTP), GreenMail (SMTP) and Apache MINA SSHD (SFTP).
 * Each office must receive the standardised document, valid against notice-v1, holding exactly
 * what its disclosure policy allows (as the dispatcher decides it from the shipped config), once.
 */
class EndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    /** The personal values of events/missing.json: none may reach a mail subject. */
    private static final List<String> PERSONAL = List.of("Amina", "Hassan", "201912345678", "2010-03-14",
            "Kari Nordmann", "kari.nordmann@example.org", "+4791234567", "Per Hansen", "per.hansen@example.org",
            "+4722334455", "Storo", "braid", "Asthma", "inhaler", "interpreter");
    private static final List<String> HEALTH = List.of("Asthma", "inhaler", "healthNotes");

    @TempDir
    static Path dir;

    private static OfficeServers offices;
    private static WireMockServer http;
    private static GreenMail smtp;
    private static SftpTestServer sftp;
    private static TestHub hub;
    private static Dispatcher dispatcher;

    @BeforeAll
    static void start() throws Exception {
        offices = OfficeServers.start(dir);
        http = offices.http;
        smtp = offices.smtp;
        sftp = offices.sftp;
        dispatcher = new Dispatcher(HubConfigLoader.load(Path.of("config")));
        // The hub never creates an office's folder: every SFTP office has its own, as on a real server.
        dispatcher.config().directory().offices().stream().filter(o -> o.channel() == Channel.SFTP)
                .forEach(o -> sftp.folder(o.id()));
        hub = TestHub.start(offices.hubSettings(dir.resolve("hub"), offices.configFolder(dir.resolve("offices"))));
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) hub.close();
        if (offices != null) offices.close();
    }

    @Test
    void aMissingChildReachesPoliceChildWelfareUdiAndBfeEachWithOnlyWhatItsPolicyAllows() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("examples/events/missing.json"));
        JsonNode event = JSON.readTree(body);
        String key = postEvent(body);
        Map<String, Notice> decided = new HashMap<>(decided(key, event));
        assertThat(decided.values()).extracting(n -> n.recipient().id())
                .contains("police-oslo", "barnevern-oslo", "udi-region-ost", "udi-bfe");
        // The representative and the lawyer are phoned by staff (O23 tasks); every other notice is sent.
        assertThat(decided.values()).filteredOn(n -> n.recipient().channel() == Channel.TASK)
                .extracting(Notice::duty).containsExactly("O23", "O23");
        decided.values().removeIf(n -> n.recipient().channel() == Channel.TASK);

        List<JsonNode> notices = awaitAllDelivered(key, decided.size());
        assertThat(notices).extracting(n -> n.path("noticeId").asText()).containsExactlyInAnyOrderElementsOf(decided.keySet());

        Map<String, Integer> byChannel = new HashMap<>();
        Map<Channel, JsonNode> oneOfEach = new HashMap<>();
        for (JsonNode n : notices) {
            String id = n.path("noticeId").asText();
            Notice expected = decided.get(id);
            byte[] received = switch (expected.recipient().channel()) {
                case HTTP -> httpDocument(id, expected.recipient().id());
                case MAIL -> mailDocument(id, expected);
                default -> throw new AssertionError("missing.json reaches no " + expected.recipient().channel() + " office");
            };
            byChannel.merge(expected.recipient().channel().name(), 1, Integer::sum);
            assertDocument(id, key, received, expected);
            assertDelivered(id, expected.recipient().channel());
            oneOfEach.put(expected.recipient().channel(), NoticeSchema.parse(received));
        }
        assertThat(byChannel).containsOnlyKeys("HTTP", "MAIL");
        // The mail attachment is the same document an HTTP office gets: same fields, same event, same sender.
        JsonNode byHttp = oneOfEach.get(Channel.HTTP);
        JsonNode byMail = oneOfEach.get(Channel.MAIL);
        assertThat(fieldNames(byMail)).isEqualTo(fieldNames(byHttp));
        assertThat(byMail.path("event")).isEqualTo(byHttp.path("event"));
        assertThat(byMail.path("sender")).isEqualTo(byHttp.path("sender"));
        assertThat(byMail.path("schema")).isEqualTo(byHttp.path("schema"));
        assertJournal(key, decided);
    }

    @Test
    void aMissingChildFromABergenCentreReachesItsPoliceDistrictOverSftpAsTheSameDocument() throws Exception {
        ObjectNode event = Fixtures.valid("no.udi.mot.resident.missing.v1");
        Fixtures.set(event, "/id", "e2e-sftp-4601-0001");
        Fixtures.set(event, "/source", "urn:no:udi:mot:centre:C-4601-02");
        Fixtures.set(event, "/data/centre", JSON.createObjectNode().put("id", "C-4601-02")
                .put("name", "Fana mottak for enslige mindreårige").put("municipalityNumber", "4601").put("kind", "minors"));
        assertThat(ContractValidator.fromClasspath().validateEvent(event)).as("the event meets the contract").isEmpty();

        String key = postEvent(JSON.writeValueAsBytes(event));
        Map<String, Notice> decided = decided(key, event);
        Map.Entry<String, Notice> police = decided.entrySet().stream()
                .filter(e -> e.getValue().recipient().id().equals("police-vest")).findFirst().orElseThrow();
        assertThat(police.getValue().recipient().channel()).isEqualTo(Channel.SFTP);
        assertThat(police.getValue().duty()).isEqualTo("O21");

        awaitAllDelivered(key, decided.size());

        String id = police.getKey();
        assertThat(sftp.files()).filteredOn(f -> f.startsWith("police-vest/")).containsExactly("police-vest/" + id + ".json");
        byte[] received = Files.readAllBytes(sftp.root().resolve("police-vest").resolve(id + ".json"));
        assertDocument(id, key, received, police.getValue());
        assertDelivered(id, Channel.SFTP);
        // The other offices of the event got their own copies of the same kind of document.
        for (Map.Entry<String, Notice> e : decided.entrySet()) {
            if (e.getValue().recipient().channel() == Channel.HTTP) {
                assertDocument(e.getKey(), key, httpDocument(e.getKey(), e.getValue().recipient().id()), e.getValue());
            } else if (e.getValue().recipient().channel() == Channel.MAIL) {
                assertDocument(e.getKey(), key, mailDocument(e.getKey(), e.getValue()), e.getValue());
            }
        }
        assertJournal(key, decided);
    }

    // ---------------------------------------------------------------- steps

    private static String postEvent(byte[] body) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", body, TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("key").asText();
    }

    /** What the shipped config decides for the event, by the id the hub gives each notice. */
    private static Map<String, Notice> decided(String key, JsonNode event) {
        Map<String, Notice> out = new HashMap<>();
        for (Notice n : dispatcher.decide(event, CaseState.UNKNOWN).notices()) {
            out.put(NoticeId.of(key, n.duty(), n.recipient().id(), n.copy()), n);
        }
        return out;
    }

    private static List<JsonNode> awaitAllDelivered(String key, int count) {
        List<JsonNode> notices = new ArrayList<>();
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode status = JSON.readTree(hub.get("/api/v1/events/" + key, TestHub.OPS_KEY).body());
            List<JsonNode> list = StreamSupport.stream(status.path("notices").spliterator(), false)
                    .filter(n -> !n.path("channel").asText().equals("task") && !n.path("duty").asText().equals("ALERT")).toList();
            assertThat(list).hasSize(count);
            assertThat(list).allSatisfy(n -> assertThat(n.path("status").asText()).as(n.toString()).isEqualTo("DELIVERED"));
            notices.clear();
            notices.addAll(list);
        });
        return notices;
    }

    /** The one request the office's HTTP endpoint got for this notice. */
    private static byte[] httpDocument(String id, String officeId) {
        List<LoggedRequest> requests = http.findAll(postRequestedFor(urlMatching("/.*"))).stream()
                .filter(r -> id.equals(r.getHeader("Idempotency-Key"))).toList();
        assertThat(requests).as("HTTP requests for notice %s", id).hasSize(1);
        LoggedRequest r = requests.get(0);
        assertThat(r.getUrl()).isEqualTo("/" + officeId);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        return r.getBody();
    }

    /** The one mail for this notice: addressed to the office, a subject without personal data, the document attached. */
    private static byte[] mailDocument(String id, Notice expected) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (id.equals(m.getHeader(MailComposer.NOTICE_ID_HEADER, null))) mails.add(m);
        }
        assertThat(mails).as("mails for notice %s", id).hasSize(1);
        MimeMessage mail = mails.get(0);
        String address = expected.recipient().id().startsWith("contact:") ? expected.recipient().address()
                : expected.recipient().id() + "@offices.example";
        assertThat(mail.getRecipients(RecipientType.TO)).containsExactly(new InternetAddress(address));
        assertThat(mail.getMessageID()).isEqualTo(MailComposer.messageId(id));
        assertThat(mail.getSubject()).contains(id.substring(0, 8));
        for (String value : PERSONAL) assertThat(mail.getSubject()).as("subject of %s", id).doesNotContain(value);

        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        String text = (String) parts.getBodyPart(0).getContent();
        for (String value : HEALTH) assertThat(text).as("mail text of %s", id).doesNotContain(value);
        BodyPart attachment = parts.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("notice-" + id + ".json");
        assertThat(attachment.getContentType()).startsWith("application/json");
        return attachment.getInputStream().readAllBytes();
    }

    /**
     * What arrived is the document the hub stored for the notice, byte for byte, valid against
     * notice-v1, and its content is exactly the content the recipient's policy allows.
     */
    private static void assertDocument(String id, String key, byte[] received, Notice expected) throws Exception {
        assertThat(new String(received, StandardCharsets.UTF_8)).as("the document of %s as stored", id).isEqualTo(storedDocument(id));
        assertThat(NoticeSchema.violations(received)).as("notice-v1 violations of %s", id).isEmpty();
        JsonNode doc = NoticeSchema.parse(received);
        assertThat(doc.path("noticeId").asText()).isEqualTo(id);
        assertThat(doc.path("duty").asText()).isEqualTo(expected.duty());
        assertThat(doc.path("copy").asBoolean()).isEqualTo(expected.copy());
        assertThat(doc.path("recipient").path("officeId").asText()).isEqualTo(expected.recipient().id());
        assertThat(doc.path("legalBasis").asText()).isEqualTo(expected.legalBasis());
        assertThat(doc.path("event").path("key").asText()).isEqualTo(key);
        assertThat(doc.path("content")).as("content delivered to %s (%s)", expected.recipient().id(), expected.duty())
                .isEqualTo(expected.content());
        assertThat(doc.has("removedFields")).isFalse();
        String text = doc.toString();
        for (String value : HEALTH) assertThat(text).as("document of %s", id).doesNotContain(value);
    }

    private static void assertDelivered(String id, Channel channel) throws Exception {
        JsonNode n = JSON.readTree(hub.get("/api/v1/notices/" + id, TestHub.OPS_KEY).body());
        assertThat(n.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(n.path("attempts").asInt()).isEqualTo(1);
        assertThat(n.path("deliveredAt").asText()).isNotEmpty();
        String receipt = n.path("receipt").asText();
        switch (channel) {
            case HTTP -> assertThat(receipt).startsWith("HTTP 201");
            case MAIL -> assertThat(receipt).isEqualTo(MailComposer.messageId(id));
            case SFTP -> assertThat(receipt).isEqualTo("sftp://127.0.0.1:" + sftp.port() + "/police-vest/" + id + ".json");
            default -> throw new AssertionError(channel);
        }
    }

    /** The journal lists each notice as decided, with the document delivered, and its one attempt as DELIVERED. */
    private static void assertJournal(String key, Map<String, Notice> decided) throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/journal/events/" + key, TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> timeline = StreamSupport.stream(JSON.readTree(r.body()).path("timeline").spliterator(), false).toList();
        // Alerts to ops about the event (an unresolved recipient, say) are journaled with it, but are not its notices.
        Set<String> alerts = timeline.stream().filter(e -> e.path("duty").asText().equals("ALERT"))
                .map(e -> e.path("noticeId").asText()).collect(Collectors.toSet());
        List<JsonNode> attempts = timeline.stream().filter(e -> e.path("what").asText().equals("delivery attempt"))
                .filter(e -> !alerts.contains(e.path("noticeId").asText())).toList();
        assertThat(attempts).extracting(a -> a.path("noticeId").asText()).containsExactlyInAnyOrderElementsOf(decided.keySet());
        assertThat(attempts).allSatisfy(a -> {
            assertThat(a.path("outcome").asText()).as(a.toString()).isEqualTo("DELIVERED");
            assertThat(a.path("officeId").asText()).isEqualTo(decided.get(a.path("noticeId").asText()).recipient().id());
        });
        List<JsonNode> decisions = timeline.stream().filter(e -> e.path("what").asText().equals("notice decided"))
                .filter(e -> !e.path("channel").asText().equals("TASK") && !e.path("duty").asText().equals("ALERT")).toList();
        assertThat(decisions).hasSize(decided.size()).allSatisfy(d -> {
            String id = d.path("noticeId").asText();
            assertThat(d.path("document")).isEqualTo(JSON.readTree(storedDocument(id)));
            assertThat(d.path("status").asText()).isEqualTo("DELIVERED");
        });
    }

    private static List<String> fieldNames(JsonNode document) {
        List<String> names = new ArrayList<>();
        document.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String storedDocument(String id) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT document FROM notice WHERE notice_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("notice %s is stored", id).isTrue();
                return rs.getString(1);
            }
        }
    }
}
