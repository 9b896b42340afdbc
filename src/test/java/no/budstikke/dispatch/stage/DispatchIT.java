package no.budstikke.dispatch.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.CaseState;
import no.budstikke.model.Notice;
import no.budstikke.store.EventState;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The dispatch stage in the running hub: stored events become the notices the pure decision names. */
class DispatchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SINGLE = "application/cloudevents+json";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aMissingChildBecomesEveryNoticeTheRulesNameAndTheEventIsMarkedDispatched(Kind kind) throws Exception {
        JsonNode missing = example("missing");
        try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(kind, dir)))) {
            JsonNode status = postAndAwaitDispatch(hub, missing, TestHub.ALL_CENTRES_KEY);

            Set<String> expected = new HashSet<>();
            for (Notice n : pureDecision(missing, CaseState.UNKNOWN)) {
                expected.add(n.duty() + (n.copy() ? " copy" : "") + " → " + n.recipient().id() + " " + n.priority());
            }
            Set<String> stored = new HashSet<>();
            status.path("notices").forEach(n -> stored.add(n.path("duty").asText() + (n.path("copy").asBoolean() ? " copy" : "")
                    + " → " + n.path("officeId").asText() + " " + n.path("priority").asText()));
            assertThat(stored).isEqualTo(expected);
            assertThat(stored).contains("O21 → police-oslo URGENT", "O22 → barnevern-oslo URGENT", "O20 → udi-region-ost URGENT");
            // Delivery (to the sandbox here) may already have taken them further.
            assertThat(status.path("notices").findValuesAsText("status")).isSubsetOf("CREATED", "SENDING", "DELIVERED");
            assertThat(status.path("unresolved").asInt()).isZero();
            assertThat(noticeRows(hub, status.path("key").asText())).isEqualTo(expected.size());
        }
    }

    @Test
    void aSignedAmotAgreementIsRememberedSoAResidencePermitReachesTheAmotMunicipality() throws Exception {
        ObjectNode signed = (ObjectNode) valid("no.udi.duf.amot.agreement-signed.v1");
        ObjectNode permit = (ObjectNode) valid("no.udi.duf.case.decided.v1");
        permit.set("data", permit.get("data").deepCopy());
        ((ObjectNode) permit.get("data")).set("person", signed.path("data").path("person").deepCopy());
        ((ObjectNode) permit.get("data")).put("decision", "residence_permit_settlement");
        try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)))) {
            postAndAwaitDispatch(hub, signed, TestHub.DUF_KEY);
            JsonNode status = postAndAwaitDispatch(hub, permit, TestHub.DUF_KEY);

            assertThat(status.path("notices").findValuesAsText("officeId")).contains("municipality-hamar");
            assertThat(status.path("notices").findValuesAsText("duty")).contains("O37");
        }
    }

    @Test
    void anEventThatCannotBeDecidedIsMarkedFailedWithoutNoticesAndTheNextOneStillGoesThrough() throws Exception {
        try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)))) {
            DataSource ds = hub.bean("dataSource", DataSource.class);
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO inbound_event (event_key, source, event_id, type, event_time, received_at, channel, origin,
                                               duf_number, payload_sha256, payload, status, status_changed_at)
                    VALUES ('0000000000000000000000000000dead', 'urn:test', 'broken', 'no.udi.mot.resident.missing.v1', ?, ?,
                            'http', 'test', NULL, 'x', 'not json', 'RECEIVED', ?)""")) {
                OffsetDateTime now = OffsetDateTime.now();
                ps.setObject(1, now);
                ps.setObject(2, now);
                ps.setObject(3, now);
                ps.executeUpdate();
            }
            JsonNode good = postAndAwaitDispatch(hub, example("arrived"), TestHub.ALL_CENTRES_KEY);

            assertThat(good.path("notices").size()).isPositive();
            assertThat(status(hub, "0000000000000000000000000000dead")).isEqualTo("DISPATCH_FAILED");
            assertThat(noticeRows(hub, "0000000000000000000000000000dead")).isZero();
        }
    }

    @Test
    void aBrokenRoutingRuleStopsTheHubNamingTheFileAndLine() throws IOException {
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        for (String f : new String[] {"directory.yaml", "routing-rules.yaml", "disclosure-policies.yaml"}) {
            Files.copy(Path.of("config", f), config.resolve(f));
        }
        Path rules = config.resolve("routing-rules.yaml");
        Files.writeString(rules, Files.readString(rules).replaceFirst("role: STATSFORVALTER", "role: STATSFORVALTERX"));
        Map<String, String> props = TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir));
        props.put("budstikke.config.dir", config.toString());

        assertThatThrownBy(() -> TestHub.start(props).close())
                .rootCause()
                .hasMessageContaining("routing-rules.yaml:")
                .hasMessageContaining("STATSFORVALTER");
    }

    private static JsonNode postAndAwaitDispatch(TestHub hub, JsonNode event, String key) throws IOException {
        HttpResponse<String> r = hub.post("/api/v1/events", SINGLE, JSON.writeValueAsBytes(event), key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String statusPath = JSON.readTree(r.body()).path("status").asText();
        JsonNode[] status = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            status[0] = JSON.readTree(hub.get(statusPath, TestHub.OPS_KEY).body());
            assertThat(status[0].path("status").asText()).isEqualTo(EventState.DISPATCHED.name());
        });
        return status[0];
    }

    private static java.util.List<Notice> pureDecision(JsonNode event, CaseState state) {
        return new Dispatcher(HubConfigLoader.load(Path.of("config"))).decide(event, state).notices();
    }

    private static int noticeRows(TestHub hub, String eventKey) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM notice WHERE event_key = ?")) {
            ps.setString(1, eventKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String status(TestHub hub, String eventKey) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status FROM inbound_event WHERE event_key = ?")) {
            ps.setString(1, eventKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static JsonNode example(String name) throws IOException {
        return JSON.readTree(Path.of("examples/events/" + name + ".json").toFile());
    }

    private static JsonNode valid(String type) throws IOException {
        return JSON.readTree(Path.of("src/test/resources/events/valid/" + type + ".json").toFile());
    }
}
