package no.budstikke.dispatch.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 1: a missing child at a centre in a municipality the directory does not list. The
 * duties whose office cannot be resolved raise an alert at once, at the notice's priority; the
 * police and UDI notices go to the fallback offices meanwhile; the journal shows the gaps as open.
 * After the directory is fixed and the hub restarted, replaying a gap sends the notice to the
 * office that should have had it, and the journal names who resolved it.
 */
class RecipientGapsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNLISTED = "1508";

    @Nested
    class OnH2 extends Scenario {
        OnH2() {
            super(Kind.H2);
        }
    }

    @Nested
    class OnPostgres extends Scenario {
        OnPostgres() {
            super(Kind.POSTGRES);
        }
    }

    abstract static class Scenario {

        private final Kind kind;

        @TempDir
        Path dir;

        Scenario(Kind kind) {
            this.kind = kind;
        }

        @Test
        void anUnresolvedRecipientIsAlertedSentToTheFallbackAndReplayedToTheRightOfficeOnceTheDirectoryIsFixed() throws Exception {
            Path config = copyOfConfig();
            Map<String, String> settings = TestHub.defaults(dir, TestDatabases.freshUrl(kind, dir));
            settings.put("budstikke.config.dir", config.toString());
            settings.put("budstikke.delivery.metrics-ms", "200");
            String key;
            long policeGap;
            try (TestHub hub = TestHub.start(settings)) {
                key = post(hub, missingChildIn(UNLISTED));
                List<JsonNode> notices = awaitNotices(hub, key);

                // The alerts: at once, at the notice's priority, naming duty, role and municipality only.
                List<JsonNode> alerts = list(hub, "/api/v1/alerts", "alerts").stream()
                        .filter(a -> a.path("kind").asText().equals("UNRESOLVED_RECIPIENT")).toList();
                assertThat(alerts).extracting(a -> a.path("subject").asText()).contains(
                        "O21: no POLICE_DISTRICT office for municipality 1508",
                        "O20: no UDI_REGIONAL office for municipality 1508",
                        "O22: no BARNEVERN office for municipality 1508");
                assertThat(alerts).allSatisfy(a -> {
                    assertThat(a.path("priority").asText()).isEqualTo("URGENT");
                    assertThat(a.toString()).doesNotContain("Amina", "Hassan", "201912345678");
                });
                // ... mailed to the ops mailbox through the outbox, and counted for ops' alerting.
                assertThat(notices).anySatisfy(n -> assertThat(n.path("officeId").asText()).isEqualTo("ops"));
                assertThat(alerts).hasSize(5); // O20, O21 and its copy, O22 and its copy
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hub.getManagement("/observe/metrics").body())
                        .containsPattern("budstikke_alerts_open\\{kind=\"UNRESOLVED_RECIPIENT\"[^}]*\\} 5\\.0"));

                // The fallbacks have the police and UDI notices; child welfare has no fallback.
                assertThat(notices).anySatisfy(n -> assertThat(n.path("officeId").asText() + n.path("duty").asText())
                        .isEqualTo("politi-nasjonalO21"));
                assertThat(notices).anySatisfy(n -> assertThat(n.path("officeId").asText() + n.path("duty").asText())
                        .isEqualTo("udi-nasjonalO20"));
                assertThat(notices).noneSatisfy(n -> assertThat(n.path("role").asText()).isEqualTo("BARNEVERN"));
                JsonNode fallbackDoc = sandboxDocument("politi-nasjonal");
                assertThat(fallbackDoc.path("flags").toString()).contains("FALLBACK_RECIPIENT");

                // The gaps are open, in the gap list and in the journal.
                List<JsonNode> gaps = list(hub, "/api/v1/gaps", "gaps");
                assertThat(gaps).extracting(g -> g.path("duty").asText() + "/" + g.path("role").asText() + "/"
                        + g.path("fallbackOfficeId").asText(""))
                        .containsExactlyInAnyOrder("O20/UDI_REGIONAL/udi-nasjonal", "O21/UDI_REGIONAL/udi-nasjonal",
                                "O22/UDI_REGIONAL/udi-nasjonal", "O21/POLICE_DISTRICT/politi-nasjonal", "O22/BARNEVERN/");
                policeGap = gaps.stream().filter(g -> g.path("role").asText().equals("POLICE_DISTRICT")).findFirst()
                        .orElseThrow().path("id").asLong();
                assertThat(journalGaps(hub, key)).allSatisfy(g -> assertThat(g.path("status").asText()).isEqualTo("OPEN"));

                // Before the directory is fixed, a replay changes nothing and says why.
                HttpResponse<String> early = hub.post("/api/v1/gaps/" + policeGap + "/replay", null, new byte[0], TestHub.OPS_KEY);
                assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
                assertThat(early.body()).contains("municipality 1508");
            }

            addMunicipality(config);
            try (TestHub hub = TestHub.start(settings)) {
                HttpResponse<String> r = hub.post("/api/v1/gaps/" + policeGap + "/replay", null, new byte[0], TestHub.OPS_KEY);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode resolved = JSON.readTree(r.body());
                assertThat(resolved.path("officeId").asText()).isEqualTo("police-vest");
                String noticeId = resolved.path("noticeId").asText();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        JSON.readTree(hub.get("/api/v1/notices/" + noticeId, TestHub.OPS_KEY).body()).path("status").asText())
                        .isEqualTo("DELIVERED"));
                assertThat(sandboxDocument("police-vest").path("duty").asText()).isEqualTo("O21");

                List<JsonNode> journal = journalGaps(hub, key);
                assertThat(journal).filteredOn(g -> g.path("gapId").asLong() == policeGap)
                        .extracting(g -> g.path("what").asText() + "/" + g.path("status").asText(""))
                        .containsExactly("recipient unresolved/RESOLVED", "recipient resolved/");
                assertThat(journal).filteredOn(g -> g.path("what").asText().equals("recipient resolved"))
                        .allSatisfy(g -> assertThat(g.path("by").asText()).isEqualTo("test-ops"));
                assertThat(list(hub, "/api/v1/gaps", "gaps")).extracting(g -> g.path("id").asLong()).doesNotContain(policeGap);

                HttpResponse<String> again = hub.post("/api/v1/gaps/" + policeGap + "/replay", null, new byte[0], TestHub.OPS_KEY);
                assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
                assertThat(hub.post("/api/v1/gaps/" + policeGap + "/replay", null, new byte[0], TestHub.CENTRE_0301_KEY)
                        .statusCode()).isEqualTo(403);
            }
        }

        private static ObjectNode missingChildIn(String municipality) {
            ObjectNode e = Fixtures.resource("events/missing.json");
            Fixtures.set(e, "/id", "gap-" + System.nanoTime());
            Fixtures.set(e, "/source", "urn:no:udi:mot:centre:C-" + municipality + "-01");
            Fixtures.set(e, "/data/centre/id", "C-" + municipality + "-01");
            Fixtures.set(e, "/data/centre/municipalityNumber", municipality);
            return e;
        }

        private JsonNode sandboxDocument(String office) throws Exception {
            Path folder = dir.resolve("sandbox").resolve(office);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.isDirectory(folder) && jsonFiles(folder).size() == 1);
            return JSON.readTree(Files.readAllBytes(jsonFiles(folder).get(0)));
        }

        private static List<Path> jsonFiles(Path folder) throws Exception {
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(f -> f.toString().endsWith(".json")).toList();
            }
        }

        private void addMunicipality(Path config) throws Exception {
            Path directory = config.resolve("directory.yaml");
            String text = Files.readString(directory);
            String fixed = text.replace("municipalities:\n", "municipalities:\n  \"" + UNLISTED
                    + "\": { name: Ålesund, county: \"46\", policeDistrict: Vest, udiRegion: Vest, imdiRegion: Vest }\n");
            // Its municipal offices: for the test, Bergen's serve it too.
            fixed = fixed.replace("municipalities: [\"4601\"]", "municipalities: [\"4601\", \"" + UNLISTED + "\"]");
            assertThat(fixed).isNotEqualTo(text);
            Files.writeString(directory, fixed);
        }

        private Path copyOfConfig() throws Exception {
            Path target = dir.resolve("config");
            try (Stream<Path> files = Files.walk(Path.of("config"))) {
                for (Path f : files.toList()) {
                    Path t = target.resolve(Path.of("config").relativize(f).toString());
                    if (Files.isDirectory(f)) Files.createDirectories(t);
                    else Files.copy(f, t);
                }
            }
            return target;
        }
    }

    private static String post(TestHub hub, JsonNode event) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(event),
                TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("key").asText();
    }

    /** The event's notices once it is dispatched (including the ops alert mails about it). */
    private static List<JsonNode> awaitNotices(TestHub hub, String key) {
        List<JsonNode> out = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode status = JSON.readTree(hub.get("/api/v1/events/" + key, TestHub.OPS_KEY).body());
            assertThat(status.path("status").asText()).isEqualTo("DISPATCHED");
            out.clear();
            status.path("notices").forEach(out::add);
        });
        return out;
    }

    private static List<JsonNode> list(TestHub hub, String path, String field) throws Exception {
        HttpResponse<String> r = hub.get(path, TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).path(field).forEach(out::add);
        return out;
    }

    private static List<JsonNode> journalGaps(TestHub hub, String key) throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/journal/events/" + key, TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).path("timeline").forEach(e -> {
            if (e.path("what").asText().startsWith("recipient ")) out.add(e);
        });
        assertThat(out).isNotEmpty();
        return out;
    }
}
