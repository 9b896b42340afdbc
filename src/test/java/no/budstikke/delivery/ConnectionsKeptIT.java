package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import no.budstikke.delivery.mail.MailComposer;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.Channel;
import no.budstikke.testing.CountingProxy;
import no.budstikke.testing.OfficeServers;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import no.budstikke.testing.TestOffices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13: the running hub, on each database, delivering a burst of missing-resident events from a
 * Bergen centre to real SMTP and SFTP servers behind proxies that count every connection and cut
 * them all a few times mid-stream. Each notice must arrive, under its own id, and be DELIVERED;
 * the connections stay far fewer than the notices.
 */
class ConnectionsKeptIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 40;
    private static final int CUTS = 3;

    @TempDir
    Path dir;

    private OfficeServers offices;
    private CountingProxy smtp;
    private CountingProxy sftp;
    private TestHub hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) hub.close();
        if (smtp != null) smtp.close();
        if (sftp != null) sftp.close();
        if (offices != null) offices.close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void connectionsCutMidStreamLoseNoNoticeAndSendNoneUnderAnotherId(Kind db) throws Exception {
        offices = OfficeServers.start(dir);
        HubConfigLoader.load(Path.of("config")).directory().offices().stream().filter(o -> o.channel() == Channel.SFTP)
                .forEach(o -> offices.sftp.folder(o.id()));
        smtp = new CountingProxy(offices.smtp.getSmtp().getPort());
        sftp = new CountingProxy(offices.sftp.port());
        Path config = TestOffices.configFolder(dir.resolve("offices"), "http://127.0.0.1:" + offices.http.port(),
                "sftp://budstikke@127.0.0.1:" + sftp.port());
        Map<String, String> p = offices.hubSettings(dir.resolve("hub"), config);
        p.put("budstikke.db.url", TestDatabases.freshUrl(db, dir.resolve("hub")));
        p.putAll(TestOffices.mailServer(smtp.port()));
        p.putAll(offices.sftp.hubSettingsThrough(sftp.port()));
        for (String channel : List.of("mail", "sftp")) {
            p.put("budstikke.delivery.retry." + channel + ".initial-ms", "200");
            p.put("budstikke.delivery.retry." + channel + ".max-delay-ms", "1000");
            p.put("budstikke.delivery.retry." + channel + ".max-attempts", "30");
        }
        hub = TestHub.start(p);

        List<String> keys = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) keys.add(postEvent(i));
        for (int cut = 1; cut <= CUTS; cut++) {
            int after = cut * EVENTS / (CUTS + 1);
            // A cut in the middle of a mail makes GreenMail's own thread throw: expected here, so not caught.
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> offices.smtp.getReceivedMessages().length + offices.sftp.files().size() >= after);
            smtp.dropAll();
            sftp.dropAll();
        }

        Map<String, Channel> sent = new HashMap<>();
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            sent.clear();
            for (String key : keys) {
                for (JsonNode n : notices(key)) {
                    assertThat(n.path("status").asText()).as(n.toString()).isEqualTo("DELIVERED");
                    sent.put(n.path("noticeId").asText(), Channel.valueOf(n.path("channel").asText().toUpperCase(java.util.Locale.ROOT)));
                }
            }
        });

        Set<String> mailIds = new TreeSet<>();
        Set<String> fileIds = new TreeSet<>();
        sent.forEach((id, channel) -> {
            if (channel == Channel.MAIL) mailIds.add(MailComposer.messageId(id));
            if (channel == Channel.SFTP) fileIds.add(id + ".json");
        });
        assertThat(mailIds).isNotEmpty();
        assertThat(fileIds).isNotEmpty();
        Set<String> mailed = new TreeSet<>();
        for (MimeMessage m : offices.smtp.getReceivedMessages()) mailed.add(m.getMessageID());
        assertThat(mailed).as("every mail notice arrived, and no mail under another id").isEqualTo(mailIds);
        Set<String> written = new TreeSet<>();
        offices.sftp.files().forEach(f -> written.add(f.substring(f.lastIndexOf('/') + 1)));
        assertThat(written).as("every SFTP notice arrived once, complete (no .part left)").isEqualTo(fileIds);

        System.out.printf("%s: %d mails over %d SMTP connections, %d files over %d SSH sessions, %d cuts%n",
                db, mailIds.size(), smtp.connections(), fileIds.size(), offices.sftp.sessionsOpened(), CUTS);
        assertThat(smtp.connections()).isLessThan(mailIds.size());
        assertThat(offices.sftp.sessionsOpened()).isLessThan(fileIds.size());
    }

    private String postEvent(int i) throws Exception {
        ObjectNode event = Fixtures.valid("no.udi.mot.resident.missing.v1");
        Fixtures.set(event, "/id", String.format("kept-4601-%04d", i));
        Fixtures.set(event, "/source", "urn:no:udi:mot:centre:C-4601-02");
        Fixtures.set(event, "/data/centre", JSON.createObjectNode().put("id", "C-4601-02")
                .put("name", "Fana mottak for enslige mindreårige").put("municipalityNumber", "4601").put("kind", "minors"));
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(event),
                TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("key").asText();
    }

    /** The event's notices sent by mail or SFTP (HTTP and tasks are not what this test is about). */
    private List<JsonNode> notices(String key) throws Exception {
        JsonNode status = JSON.readTree(hub.get("/api/v1/events/" + key, TestHub.OPS_KEY).body());
        List<JsonNode> out = StreamSupport.stream(status.path("notices").spliterator(), false)
                .filter(n -> List.of("mail", "sftp").contains(n.path("channel").asText().toLowerCase(java.util.Locale.ROOT)))
                .toList();
        assertThat(out).as("the event's mail and SFTP notices").isNotEmpty();
        return out;
    }
}
