package no.budstikke.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.casefile.OtherCentreHolds;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 9, item 1: a centre speaks only for itself. Its key cannot name another centre in an event,
 * and its event about a resident whose case is at another centre waits for ops instead of closing
 * that centre's disappearance and telling that centre's offices.
 */
class OtherCentreIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DUF = "201912345678";
    private static final String BERGEN = "C-4601-02";
    private static final Set<String> DISAPPEARANCE = Set.of("O20", "O21", "O22", "O23", "O24");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void bergensReturnOfAnOsloChildIsHeldForOpsWhoRejectOneAndReleaseAnother(Kind kind) throws Exception {
        try (LogCapture logs = LogCapture.attach();
             TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(kind, dir)))) {
            JsonNode missing = awaitStatus(hub, post(hub, Fixtures.example("missing"), TestHub.CENTRE_0301_KEY), "DISPATCHED");
            Set<String> told = new TreeSet<>();
            for (JsonNode n : missing.path("notices")) {
                if (DISAPPEARANCE.contains(n.path("duty").asText())) told.add(n.path("officeId").asText());
            }
            assertThat(told).contains("police-oslo", "barnevern-oslo");
            JsonNode fileBefore = caseState(hub);

            // Bergen's key, Bergen's own source and centre, a new name: only the case says it is Oslo's child.
            String rejectedKey = post(hub, bergenReturn("bergen-return-1", "Mallory"), TestHub.CENTRE_4601_KEY);
            JsonNode held = awaitStatus(hub, rejectedKey, "HELD");
            assertThat(held.path("notices").findValuesAsText("duty")).containsOnly("ALERT");
            JsonNode alert = alertFor(hub, rejectedKey);
            assertThat(alert.path("kind").asText()).isEqualTo(OtherCentreHolds.ALERT_KIND);
            assertThat(alert.path("priority").asText()).isEqualTo("HIGH");
            assertThat(alert.path("detail").asText()).contains(BERGEN, "C-0301-01", "/api/v1/events/" + rejectedKey + "/release");
            assertThat(caseState(hub)).isEqualTo(fileBefore);

            // Only ops decide, and only about a held event.
            assertThat(hub.post("/api/v1/events/" + rejectedKey + "/release", null, new byte[0], TestHub.CENTRE_4601_KEY)
                    .statusCode()).isEqualTo(403);
            assertThat(hub.post("/api/v1/events/" + missing.path("key").asText() + "/release", null, new byte[0], TestHub.OPS_KEY)
                    .statusCode()).isEqualTo(409);
            assertThat(hub.post("/api/v1/events/" + "0".repeat(32) + "/reject", null, new byte[0], TestHub.OPS_KEY)
                    .statusCode()).isEqualTo(404);

            HttpResponse<String> reject = hub.post("/api/v1/events/" + rejectedKey + "/reject", null, new byte[0], TestHub.OPS_KEY);
            assertThat(reject.statusCode()).as(reject.body()).isEqualTo(200);
            assertThat(JSON.readTree(reject.body()).path("status").asText()).isEqualTo("REJECTED");
            assertThat(JSON.readTree(reject.body()).path("reviewedBy").asText()).isEqualTo("test-ops");

            // A second return, from the same centre, is held too; dispatch has passed the rejected one by then.
            String releasedKey = post(hub, bergenReturn("bergen-return-2", "Amina"), TestHub.CENTRE_4601_KEY);
            awaitStatus(hub, releasedKey, "HELD");
            JsonNode rejected = status(hub, rejectedKey);
            assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
            assertThat(rejected.path("notices").findValuesAsText("duty")).containsOnly("ALERT");
            assertThat(caseState(hub)).isEqualTo(fileBefore);
            assertThat(hub.post("/api/v1/events/" + rejectedKey + "/release", null, new byte[0], TestHub.OPS_KEY)
                    .statusCode()).as("a rejected event stays rejected").isEqualTo(409);

            HttpResponse<String> release = hub.post("/api/v1/events/" + releasedKey + "/release", null, new byte[0], TestHub.OPS_KEY);
            assertThat(release.statusCode()).as(release.body()).isEqualTo(200);
            JsonNode released = awaitStatus(hub, releasedKey, "DISPATCHED");
            Set<String> back = new TreeSet<>();
            for (JsonNode n : released.path("notices")) {
                if (n.path("duty").asText().equals("O25")) back.add(n.path("officeId").asText());
            }
            assertThat(back).isEqualTo(told);
            JsonNode after = caseState(hub);
            assertThat(after.path("openEpisodes")).isEmpty();
            assertThat(after.at("/lastCentre/id").asText()).isEqualTo(BERGEN);
            // Releasing and rejecting closed their alerts.
            JsonNode open = JSON.readTree(hub.get("/api/v1/alerts", TestHub.OPS_KEY).body()).path("alerts");
            assertThat(open.findValuesAsText("kind")).doesNotContain(OtherCentreHolds.ALERT_KIND);
            assertThat(logs.all()).doesNotContain(DUF).doesNotContain("Mallory").doesNotContain("Hassan");
        }
    }

    @Test
    void aCentresOwnEventsAndAnAnnouncedMoveAreNotHeld() throws Exception {
        try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)))) {
            ObjectNode departed = Fixtures.valid("no.udi.mot.resident.departed.v1");
            Fixtures.set(departed, "/data/person/dufNumber", DUF);
            Fixtures.set(departed, "/time", "2026-10-01T10:00:00+02:00");
            assertThat(departed.at("/data/toCentre/id").asText()).isEqualTo(BERGEN);
            awaitStatus(hub, post(hub, departed, TestHub.CENTRE_0301_KEY), "DISPATCHED");
            // Bergen's arrival after Oslo's departure: the case is Bergen's now.
            ObjectNode arrived = bergen(Fixtures.valid("no.udi.mot.resident.arrived.v1"), "bergen-arrival");
            Fixtures.set(arrived, "/data/person/dufNumber", DUF);
            Fixtures.set(arrived, "/time", "2026-10-02T10:00:00+02:00");
            awaitStatus(hub, post(hub, arrived, TestHub.CENTRE_4601_KEY), "DISPATCHED");
            assertThat(caseState(hub).at("/lastCentre/id").asText()).isEqualTo(BERGEN);
            // And Oslo, no longer the child's centre, is held in its turn.
            ObjectNode late = Fixtures.valid("no.udi.mot.mapping.updated.v1");
            Fixtures.set(late, "/data/person/dufNumber", DUF);
            Fixtures.set(late, "/time", "2026-10-03T10:00:00+02:00");
            awaitStatus(hub, post(hub, late, TestHub.CENTRE_0301_KEY), "HELD");
        }
    }

    @Test
    void anArrivalNamingAnotherCentreIsRefusedAt403AndQuarantined() throws Exception {
        try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)))) {
            // Bergen's key, Bergen's source, but Oslo's centre block: the arrival would go to Oslo's offices.
            ObjectNode arrival = Fixtures.valid("no.udi.mot.resident.arrived.v1");
            Fixtures.set(arrival, "/source", "urn:no:udi:mot:centre:" + BERGEN);
            for (String key : List.of(TestHub.CENTRE_4601_KEY, TestHub.ALL_CENTRES_KEY)) {
                HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(arrival), key);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                JsonNode p = JSON.readTree(r.body());
                assertThat(p.path("type").asText()).endsWith("/forbidden-centre");
                assertThat(p.at("/violations/0/pointer").asText()).isEqualTo("/data/centre/id");
                JsonNode q = JSON.readTree(hub.get("/api/v1/quarantine/" + p.path("quarantineId").asLong(), TestHub.OPS_KEY).body());
                assertThat(q.path("reason").asText()).isEqualTo("FORBIDDEN_CENTRE");
            }
            JsonNode list = JSON.readTree(hub.get("/api/v1/quarantine", TestHub.OPS_KEY).body()).path("entries");
            assertThat(list).hasSize(2);
            // The same key naming its own centre is accepted.
            bergen(arrival, "bergen-own-arrival");
            HttpResponse<String> ok = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(arrival),
                    TestHub.CENTRE_4601_KEY);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
        }
    }

    private static ObjectNode bergenReturn(String id, String givenName) {
        ObjectNode e = bergen(Fixtures.example("returned"), id);
        Fixtures.set(e, "/data/person/givenName", givenName);
        return e;
    }

    private static ObjectNode bergen(ObjectNode e, String id) {
        Fixtures.set(e, "/id", id);
        Fixtures.set(e, "/source", "urn:no:udi:mot:centre:" + BERGEN);
        Fixtures.set(e, "/data/centre", JSON.createObjectNode().put("id", BERGEN)
                .put("name", "Fana mottak for enslige mindreårige").put("municipalityNumber", "4601").put("kind", "minors"));
        return e;
    }

    private static String post(TestHub hub, JsonNode event, String apiKey) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(event), apiKey);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("key").asText();
    }

    private static JsonNode status(TestHub hub, String key) throws Exception {
        return JSON.readTree(hub.get("/api/v1/events/" + key, TestHub.OPS_KEY).body());
    }

    private static JsonNode awaitStatus(TestHub hub, String key, String wanted) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode s = status(hub, key);
            assertThat(s.path("status").asText()).isEqualTo(wanted);
            found.add(s);
        });
        return found.get(found.size() - 1);
    }

    private static JsonNode alertFor(TestHub hub, String key) throws Exception {
        JsonNode alerts = JSON.readTree(hub.get("/api/v1/alerts", TestHub.OPS_KEY).body()).path("alerts");
        for (JsonNode a : alerts) {
            if (a.path("eventKey").asText().equals(key)) return a;
        }
        throw new AssertionError("no alert about event " + key + " in " + alerts);
    }

    private static JsonNode caseState(TestHub hub) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/cases/state", "application/json",
                ("{\"dufNumber\":\"" + DUF + "\"}").getBytes(StandardCharsets.UTF_8), TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
