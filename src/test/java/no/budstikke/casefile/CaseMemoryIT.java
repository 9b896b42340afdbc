package no.budstikke.casefile;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5, items 1 and 2: the hub remembers each case from its events, in event-time order, and
 * closes the loop when a missing child is back: the offices the journal says were told of the
 * disappearance, and only they, learn that the child is back.
 */
class CaseMemoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DUF = "201912345678";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aReturnTellsExactlyTheOfficesToldOfTheDisappearanceEvenAfterTheRulesChangedAndTheHubRestarted(Kind kind) throws Exception {
        String db = TestDatabases.freshUrl(kind, dir);
        Path config = copyOfConfig();
        String missingKey;
        Set<String> told;
        try (TestHub hub = TestHub.start(settings(db, config))) {
            missingKey = post(hub, Fixtures.example("missing"));
            JsonNode missing = awaitDispatched(hub, missingKey);
            told = new TreeSet<>();
            for (JsonNode n : missing.path("notices")) {
                if (Set.of("O20", "O21", "O22", "O23", "O24").contains(n.path("duty").asText())) {
                    told.add(n.path("role").asText() + " " + n.path("officeId").asText());
                }
            }
            assertThat(told).contains("POLICE_DISTRICT police-oslo", "BARNEVERN barnevern-oslo", "UDI_REGIONAL udi-region-ost",
                    "UDI_BFE udi-bfe").anyMatch(t -> t.startsWith("REPRESENTATIVE contact:")).anyMatch(t -> t.startsWith("LAWYER contact:"));
            JsonNode state = caseState(hub);
            assertThat(state.at("/openEpisodes/0/openedBy").asText()).isEqualTo(missingKey);
            assertThat(state.at("/openEpisodes/0/told")).hasSize(told.size());
        }

        // Ops drop the concern report (O22) from the rules meanwhile: the return must still reach child welfare.
        Path rules = config.resolve("routing-rules.yaml");
        String text = Files.readString(rules, StandardCharsets.UTF_8);
        int from = text.indexOf("  - duty: O22");
        int to = text.indexOf("  # O23 resident missing");
        Files.writeString(rules, text.substring(0, from) + text.substring(to), StandardCharsets.UTF_8);
        Path deadlines = config.resolve("deadlines.yaml");
        Files.writeString(deadlines, Files.readString(deadlines, StandardCharsets.UTF_8)
                .replace("watches: [O20, O21, O22]", "watches: [O20, O21]"), StandardCharsets.UTF_8);

        try (TestHub hub = TestHub.start(settings(db, config))) {
            String returnedKey = post(hub, Fixtures.example("returned"));
            JsonNode returned = awaitDispatched(hub, returnedKey);
            Set<String> back = new TreeSet<>();
            for (JsonNode n : returned.path("notices")) {
                if (n.path("duty").asText().equals("O25")) back.add(n.path("role").asText() + " " + n.path("officeId").asText());
            }
            assertThat(back).isEqualTo(told);
            assertThat(returned.path("notices").findValuesAsText("priority")).contains("HIGH");
            // The representative and the lawyer were phoned (O23): staff phone them again, within a day.
            JsonNode tasks = JSON.readTree(hub.get("/api/v1/tasks", TestHub.OPS_KEY).body()).path("tasks");
            List<JsonNode> backTasks = new ArrayList<>();
            tasks.forEach(t -> { if (t.path("duty").asText().equals("O25")) backTasks.add(t); });
            assertThat(backTasks).extracting(t -> t.path("role").asText()).containsExactlyInAnyOrder("REPRESENTATIVE", "LAWYER");
            assertThat(backTasks).allSatisfy(t -> assertThat(Duration.between(Instant.parse(t.path("createdAt").asText()),
                    Instant.parse(t.path("dueAt").asText()))).isEqualTo(Duration.ofHours(24)));
            JsonNode state = caseState(hub);
            assertThat(state.path("openEpisodes")).isEmpty();
            assertThat(state.path("lastReturnKey").asText()).isEqualTo(returnedKey);

            // The same return reported again, later: nothing more is sent, and it is no alert either.
            ObjectNode again = Fixtures.example("returned");
            Fixtures.set(again, "/id", "mot-0301-01-000432");
            Fixtures.set(again, "/time", "2026-11-22T11:00:00+01:00");
            JsonNode repeat = awaitDispatched(hub, post(hub, again));
            assertThat(repeat.path("notices").findValuesAsText("duty")).doesNotContain("O25");
            assertThat(alerts(hub)).isEmpty();
        }
    }

    @Test
    void aReturnWithoutAKnownDisappearanceIsRecordedAndFlaggedForOpsWhoAcknowledgeIt() throws Exception {
        try (LogCapture logs = LogCapture.attach();
             TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)))) {
            String key = post(hub, Fixtures.example("returned"));
            JsonNode status = awaitDispatched(hub, key);
            assertThat(status.path("notices").findValuesAsText("duty")).doesNotContain("O25").contains("ALERT");

            List<JsonNode> alerts = alerts(hub);
            assertThat(alerts).hasSize(1);
            JsonNode alert = alerts.get(0);
            assertThat(alert.path("kind").asText()).isEqualTo(UnmatchedReturns.KIND);
            assertThat(alert.path("eventKey").asText()).isEqualTo(key);
            assertThat(alert.path("priority").asText()).isEqualTo("HIGH");
            // The ops mailbox gets it as a notice through the outbox: the embedded default delivers to the sandbox.
            String mail = alert.path("mailNoticeId").asText();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(JSON.readTree(hub.get("/api/v1/notices/" + mail, TestHub.OPS_KEY).body()).path("status").asText())
                            .isEqualTo("DELIVERED"));
            String eml = Files.readString(dir.resolve("sandbox").resolve("ops").resolve(mail + ".eml"), StandardCharsets.UTF_8);
            assertThat(eml).contains("drift@budstikke.example").contains(key);
            for (String text : List.of(alert.toString(), eml, logs.all())) {
                assertThat(text).doesNotContain(DUF).doesNotContain("Amina").doesNotContain("Hassan");
            }
            // The journal of the event shows the alert's mail among its notices.
            assertThat(hub.get("/api/v1/journal/events/" + key, TestHub.OPS_KEY).body()).contains(mail);

            String id = alert.path("alertId").asText();
            HttpResponse<String> notOps = hub.post("/api/v1/alerts/" + id + "/ack", null, new byte[0], TestHub.ALL_CENTRES_KEY);
            assertThat(notOps.statusCode()).isEqualTo(403);
            HttpResponse<String> ack = hub.post("/api/v1/alerts/" + id + "/ack", null, new byte[0], TestHub.OPS_KEY);
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            assertThat(JSON.readTree(ack.body()).path("acknowledgedBy").asText()).isEqualTo("test-ops");
            assertThat(JSON.readTree(ack.body()).path("acknowledgedAt").asText()).isNotBlank();
            assertThat(hub.post("/api/v1/alerts/" + id + "/ack", null, new byte[0], TestHub.OPS_KEY).statusCode()).isEqualTo(409);
            assertThat(hub.post("/api/v1/alerts/999999/ack", null, new byte[0], TestHub.OPS_KEY).statusCode()).isEqualTo(404);
            assertThat(alerts(hub)).isEmpty();
            assertThat(JSON.readTree(hub.get("/api/v1/alerts?state=all", TestHub.OPS_KEY).body()).path("alerts")).hasSize(1);
        }
    }

    @Test
    void anEventOlderThanWhatTheHubKnowsTakesItsPlaceInTheHistoryWithoutOverwritingNewerFacts() throws Exception {
        try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)))) {
            ObjectNode departed = Fixtures.valid("no.udi.mot.resident.departed.v1");
            Fixtures.set(departed, "/data/person/dufNumber", DUF);
            Fixtures.set(departed, "/time", "2026-10-01T10:00:00+02:00");
            String toCentre = departed.at("/data/toCentre/id").asText();
            awaitDispatched(hub, post(hub, departed));

            ObjectNode arrived = Fixtures.valid("no.udi.mot.resident.arrived.v1");
            Fixtures.set(arrived, "/data/person/dufNumber", DUF);
            Fixtures.set(arrived, "/time", "2026-03-01T10:00:00+01:00");
            awaitDispatched(hub, post(hub, arrived));

            JsonNode state = caseState(hub);
            assertThat(toCentre).isNotEqualTo(arrived.at("/data/centre/id").asText());
            assertThat(state.at("/lastCentre/id").asText()).isEqualTo(toCentre);
            assertThat(state.path("lastEventTime").asText()).isEqualTo("2026-10-01T08:00:00Z");

            HttpResponse<String> unknown = hub.post("/api/v1/cases/state", "application/json",
                    "{\"dufNumber\":\"209900000000\"}".getBytes(StandardCharsets.UTF_8), TestHub.OPS_KEY);
            assertThat(unknown.statusCode()).isEqualTo(404);
            HttpResponse<String> bad = hub.post("/api/v1/cases/state", "application/json",
                    "{\"duf\":\"x\"}".getBytes(StandardCharsets.UTF_8), TestHub.OPS_KEY);
            assertThat(bad.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void twoInstancesDispatchingOneCaseAtOnceLoseNoEventFromItsFile() throws Exception {
        String db = TestDatabases.freshUrl(Kind.POSTGRES, dir);
        // Both instances find the whole backlog at their first dispatch tick and work through it side by side.
        Map<String, String> slow = Map.of("budstikke.dispatch.poll-ms", "4000");
        try (TestHub a = TestHub.start(with(TestHub.defaults(dir.resolve("a"), db), slow));
             TestHub b = TestHub.start(with(TestHub.defaults(dir.resolve("b"), db), slow))) {
            List<String> keys = new ArrayList<>();
            String newest = null;
            for (int i = 0; i < 30; i++) {
                // Each event adds one appointment: a file replayed without another instance's event would miss one.
                ObjectNode scheduled = Fixtures.valid("no.udi.duf.appointment.scheduled.v1");
                Fixtures.set(scheduled, "/id", "appointment-race-" + i);
                Fixtures.set(scheduled, "/data/person/dufNumber", DUF);
                ((ObjectNode) scheduled.get("data")).remove("caseContext");
                Instant at = Instant.parse("2026-05-01T10:00:00Z").plusSeconds(60L * i);
                Fixtures.set(scheduled, "/time", at.toString());
                Fixtures.set(scheduled, "/data/at", at.plus(Duration.ofDays(30)).toString());
                String key = post(i % 2 == 0 ? a : b, scheduled);
                keys.add(key);
                newest = key;
            }
            for (int i = 0; i < keys.size(); i++) awaitDispatched(i % 2 == 0 ? a : b, keys.get(i));
            JsonNode state = caseState(b);
            assertThat(state.path("lastEventKey").asText()).isEqualTo(newest);
            assertThat(state.path("appointments")).hasSize(30);
        }
    }

    private static Map<String, String> with(Map<String, String> settings, Map<String, String> more) {
        settings.putAll(more);
        return settings;
    }

    private Map<String, String> settings(String db, Path config) {
        Map<String, String> p = TestHub.defaults(dir, db);
        p.put("budstikke.config.dir", config.toString());
        return p;
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

    private static String post(TestHub hub, JsonNode event) throws Exception {
        String key = event.path("source").asText().equals("urn:no:udi:duf") ? TestHub.DUF_KEY : TestHub.ALL_CENTRES_KEY;
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(event), key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("key").asText();
    }

    private static JsonNode awaitDispatched(TestHub hub, String key) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode status = JSON.readTree(hub.get("/api/v1/events/" + key, TestHub.OPS_KEY).body());
            assertThat(status.path("status").asText()).isEqualTo("DISPATCHED");
            found.add(status);
        });
        return found.get(found.size() - 1);
    }

    private static JsonNode caseState(TestHub hub) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/cases/state", "application/json",
                ("{\"dufNumber\":\"" + DUF + "\"}").getBytes(StandardCharsets.UTF_8), TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<JsonNode> alerts(TestHub hub) throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/alerts", TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).path("alerts").forEach(out::add);
        return out;
    }
}
