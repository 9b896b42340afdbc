package no.budstikke.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import no.budstikke.testing.TestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health data and sender-chosen names stay out of ops answers unless the caller's role may see
 * them: one ops key with the role ops-pii, one without, against the real hub.
 */
class OpsPersonalDataIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEALTH = "Asthma; uses an inhaler daily.";
    private static final String NAME_AS_FIELD = "Idil Warsame-Osman";

    @TempDir
    Path dir;

    @Test
    void healthNotesReachOnlyTheOpsPiiRoleAndTheQuarantineListMasksSenderNames() throws Exception {
        try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)))) {
            ObjectNode missing = TestJson.freshNode("missing");
            assertThat(missing.at("/data/caseContext/healthNotes").asText()).isEqualTo(HEALTH);
            String duf = missing.at("/data/person/dufNumber").asText();
            HttpResponse<String> stored = hub.post("/api/v1/events", "application/cloudevents+json", TestJson.bytes(missing),
                    TestHub.ALL_CENTRES_KEY);
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
            byte[] ask = ("{\"dufNumber\":\"" + duf + "\"}").getBytes(StandardCharsets.UTF_8);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(hub.post("/api/v1/cases/state", "application/json", ask, TestHub.OPS_KEY).statusCode()).isEqualTo(200));
            HttpResponse<String> pii = hub.post("/api/v1/cases/state", "application/json", ask, TestHub.OPS_KEY);
            assertThat(JSON.readTree(pii.body()).at("/caseContext/healthNotes").asText()).isEqualTo(HEALTH);
            HttpResponse<String> basic = hub.post("/api/v1/cases/state", "application/json", ask, TestHub.OPS_BASIC_KEY);
            assertThat(basic.statusCode()).as(basic.body()).isEqualTo(200);
            assertThat(JSON.readTree(basic.body()).at("/caseContext").isObject()).isTrue();
            assertThat(basic.body()).doesNotContain(HEALTH, "healthNotes");

            for (String path : new String[] {"/api/v1/tasks?state=all"}) {
                assertThat(hub.get(path, TestHub.OPS_BASIC_KEY).body()).doesNotContain(HEALTH);
            }
            assertThat(hub.post("/api/v1/journal/case", "application/json", ask, TestHub.OPS_BASIC_KEY).body()).doesNotContain(HEALTH);

            // A person's name typed where a field name belongs, and health notes in the rejected input.
            ObjectNode bad = TestJson.freshNode("missing");
            ((ObjectNode) bad.at("/data/person")).put(NAME_AS_FIELD, "sister");
            HttpResponse<String> rejected = hub.post("/api/v1/events", "application/cloudevents+json", TestJson.bytes(bad),
                    TestHub.ALL_CENTRES_KEY);
            assertThat(rejected.statusCode()).isEqualTo(400);
            long id = JSON.readTree(rejected.body()).path("quarantineId").asLong();

            for (String key : new String[] {TestHub.OPS_KEY, TestHub.OPS_BASIC_KEY}) {
                HttpResponse<String> list = hub.get("/api/v1/quarantine", key);
                assertThat(list.body()).doesNotContain("Idil", "Warsame").contains("/data/person/(masked)");
            }
            JsonNode basicEntry = JSON.readTree(hub.get("/api/v1/quarantine/" + id, TestHub.OPS_BASIC_KEY).body());
            assertThat(basicEntry.has("rawBase64")).isFalse();
            assertThat(basicEntry.path("rawWithheld").asText()).contains("ops-pii");
            JsonNode piiEntry = JSON.readTree(hub.get("/api/v1/quarantine/" + id, TestHub.OPS_KEY).body());
            assertThat(piiEntry.path("rawBase64").asText()).isNotBlank();
        }
    }
}
