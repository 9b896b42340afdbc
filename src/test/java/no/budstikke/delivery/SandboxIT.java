package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.sql.DataSource;
import no.budstikke.contract.ContractValidator;
import no.budstikke.delivery.mail.MailComposer;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.Office;
import no.budstikke.testing.NoticeSchema;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, item 10: on its embedded defaults (the shipped config, sandbox on) the hub sends
 * nothing anywhere, and puts every notice it would send in a folder per office under
 * {@code <data dir>/sandbox}: the document, and for a mail office the e-mail as well. Phone tasks
 * are for staff and leave no file. (A production profile with the sandbox on is refused at start:
 * StartupConfigIT.)
 */
class SandboxIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestHub hub;

    @AfterEach
    void stop() {
        if (hub != null) hub.close();
    }

    @Test
    void everyNoticeOfEveryExampleLandsInItsOfficesFolderAndMailAlsoAsAnEml() throws Exception {
        hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)));
        Path sandbox = dir.resolve("sandbox");
        Map<String, String> addresses = new LinkedHashMap<>();
        for (Office o : HubConfigLoader.load(Path.of("config")).directory().offices()) addresses.put(o.id(), o.address());

        List<String> keys = new ArrayList<>();
        try (Stream<Path> examples = Files.list(Path.of("examples/events"))) {
            for (Path example : examples.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                keys.add(postEvent(Files.readAllBytes(example)));
            }
        }
        assertThat(keys).hasSize(6);
        List<JsonNode> notices = awaitSettled(keys);
        assertThat(notices).as("the examples lead to notices").hasSizeGreaterThan(10);

        TreeSet<String> expectedFiles = new TreeSet<>();
        for (JsonNode n : notices) {
            if (n.path("channel").asText().equals("task")) continue; // for staff, not for the sandbox (next test)
            String id = n.path("noticeId").asText();
            String office = n.path("officeId").asText();
            String folder = Sandbox.safe(office);
            JsonNode state = notice(id);
            assertThat(state.path("status").asText()).as("%s", n).isEqualTo("DELIVERED");
            assertThat(state.path("receipt").asText()).startsWith("sandbox").isEqualTo("sandbox " + folder + "/" + id + ".json");

            Path json = sandbox.resolve(folder).resolve(id + ".json");
            expectedFiles.add(folder + "/" + id + ".json");
            byte[] document = Files.readAllBytes(json);
            assertThat(new String(document, StandardCharsets.UTF_8)).isEqualTo(storedDocument(id));
            assertThat(NoticeSchema.violations(document)).as("notice-v1 violations of %s", id).isEmpty();
            assertThat(NoticeSchema.parse(document).path("recipient").path("officeId").asText()).isEqualTo(office);

            if (n.path("channel").asText().equals("mail")) {
                expectedFiles.add(folder + "/" + id + ".eml");
                MimeMessage mail = eml(sandbox.resolve(folder).resolve(id + ".eml"));
                assertThat(mail.getMessageID()).isEqualTo(MailComposer.messageId(id));
                assertThat(mail.getHeader(MailComposer.NOTICE_ID_HEADER, null)).isEqualTo(id);
                String address = office.startsWith("contact:") ? null : addresses.get(office);
                if (address != null) assertThat(mail.getRecipients(RecipientType.TO)).containsExactly(new InternetAddress(address));
                assertThat(mail.getSubject()).contains(id.substring(0, 8));
                MimeMultipart parts = (MimeMultipart) mail.getContent();
                assertThat(parts.getCount()).isEqualTo(2);
                assertThat((String) parts.getBodyPart(0).getContent()).isNotBlank();
                assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("notice-" + id + ".json");
                try (InputStream in = parts.getBodyPart(1).getInputStream()) {
                    assertThat(in.readAllBytes()).isEqualTo(document);
                }
            }
        }
        assertThat(notices).extracting(n -> n.path("channel").asText()).contains("mail", "http", "sftp");
        // Nothing else: no half-written files, no file for an office that got nothing.
        assertThat(files(sandbox)).containsExactlyElementsOf(expectedFiles);
    }

    @Test
    void aPhoneTaskStaysWithStaffAndLeavesNoFile() throws Exception {
        hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)));
        ObjectNode event = Fixtures.valid("no.udi.mot.resident.missing.v1");
        Fixtures.set(event, "/id", "sandbox-task-0001");
        // A representative with a phone and no e-mail: O23 becomes a phone task for staff.
        Fixtures.set(event, "/data/caseContext", JSON.createObjectNode()
                .set("representative", JSON.createObjectNode().put("name", "Rita Representant").put("phone", "+4790000001")));
        assertThat(ContractValidator.fromClasspath().validateEvent(event)).as("the event meets the contract").isEmpty();

        List<JsonNode> notices = awaitSettled(List.of(postEvent(JSON.writeValueAsBytes(event))));

        List<JsonNode> tasks = notices.stream().filter(n -> n.path("channel").asText().equals("task")).toList();
        assertThat(tasks).hasSize(1);
        assertThat(notices).hasSizeGreaterThan(1);
        String task = tasks.get(0).path("noticeId").asText();
        // The others were put in the sandbox meanwhile; the task is still waiting for staff.
        assertThat(notice(task).path("status").asText()).isEqualTo("CREATED");
        assertThat(notice(task).has("receipt")).isFalse();
        assertThat(files(dir.resolve("sandbox"))).isNotEmpty().noneMatch(f -> f.contains(task));
        assertThat(dir.resolve("sandbox").resolve(Sandbox.safe(tasks.get(0).path("officeId").asText()))).doesNotExist();
        HttpResponse<String> waiting = hub.get("/api/v1/notices?status=CREATED", TestHub.OPS_KEY);
        assertThat(waiting.body()).contains(task);
    }

    private String postEvent(byte[] body) throws Exception {
        String source = JSON.readTree(body).path("source").asText();
        String key = source.equals("urn:no:udi:duf") ? TestHub.DUF_KEY : TestHub.ALL_CENTRES_KEY;
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", body, key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("key").asText();
    }

    /** Once every event is dispatched and every notice but the phone tasks delivered: all their notices. */
    private List<JsonNode> awaitSettled(List<String> keys) {
        List<JsonNode> all = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<JsonNode> found = new ArrayList<>();
            for (String key : keys) {
                JsonNode status = JSON.readTree(hub.get("/api/v1/events/" + key, TestHub.OPS_KEY).body());
                assertThat(status.path("status").asText()).as("event %s", key).isEqualTo("DISPATCHED");
                status.path("notices").forEach(found::add);
            }
            assertThat(found).allSatisfy(n -> assertThat(n.path("status").asText()).as(n.toString())
                    .isEqualTo(n.path("channel").asText().equals("task") ? "CREATED" : "DELIVERED"));
            all.clear();
            all.addAll(found);
        });
        return all;
    }

    private JsonNode notice(String id) throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/notices/" + id, TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private String storedDocument(String id) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT document FROM notice WHERE notice_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static MimeMessage eml(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    /** Every file under the folder, relative, with '/'. */
    private static List<String> files(Path root) throws Exception {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
