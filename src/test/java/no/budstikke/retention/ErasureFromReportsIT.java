package no.budstikke.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person listed in someone else's record: the O39 tertial report names every resident with an
 * AMOT agreement. After erasing one of them, the delivered report keeps its journal but not its
 * content, and the person is in no table; the other resident's own data stays.
 */
class ErasureFromReportsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant IN_T2 = Instant.parse("2026-08-31T12:00:00Z");
    private static final Instant T3_BEGUN = Instant.parse("2026-08-31T22:00:01Z");
    private static final String CANARY = "Kanarifuglsen";
    private static final String DUF = "209911223344";
    private static final String OTHER_DUF = "209955667788";

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
        void aDeliveredReportLosesItsContentAndKeepsItsJournal() throws Exception {
            TestClock clock = new TestClock(IN_T2);
            Map<String, String> p = TestHub.defaults(dir, TestDatabases.freshUrl(kind, dir));
            p.put("budstikke.schedule.tertial.poll-ms", "100");
            try (TestHub hub = TestHub.start(p, clock)) {
                DataSource db = hub.bean("dataSource", DataSource.class);
                // The hub makes T2's event at start; its report must not race the agreements.
                await().atMost(Duration.ofSeconds(30)).until(() -> query(db, "SELECT status FROM inbound_event WHERE event_id = ?",
                        "tertial-due-2026-T2"), s -> s.equals(List.of("DISPATCHED")));
                post(hub, signed("s-canary", DUF, CANARY, "AMOT-2026-0101"));
                post(hub, signed("s-other", OTHER_DUF, "Abdikadir", "AMOT-2026-0102"));
                for (String id : List.of("s-canary", "s-other")) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> query(db, "SELECT status FROM inbound_event WHERE event_id = ?", id),
                            s -> s.equals(List.of("DISPATCHED")));
                }
                clock.set(T3_BEGUN);
                await().atMost(Duration.ofSeconds(30)).until(
                        () -> query(db, "SELECT status FROM notice WHERE duty = 'O39' AND document LIKE ?", "%" + DUF + "%"),
                        s -> s.equals(List.of("DELIVERED")));
                String reportEvent = query(db, "SELECT event_key FROM notice WHERE duty = 'O39' AND document LIKE ?", "%" + DUF + "%")
                        .get(0);
                assertThat(query(db, "SELECT duf_number FROM inbound_event WHERE event_key = ?", reportEvent)).containsOnlyNulls();

                assertThat(query(db, "SELECT document FROM notice WHERE event_key = ? AND duty = 'O39'", reportEvent))
                        .anySatisfy(d -> assertThat(d).contains(CANARY, DUF, "Abdikadir"));

                HttpResponse<String> r = hub.post("/api/v1/erasure", "application/json",
                        ("{\"dufNumber\":\"" + DUF + "\"}").getBytes(StandardCharsets.UTF_8), TestHub.OPS_KEY);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(JSON.readTree(r.body()).at("/counts/noticesQuotingBlanked").asLong()).isEqualTo(1);

                assertThat(TableScan.holding(db, CANARY, DUF)).isEmpty();
                assertThat(query(db, "SELECT payload FROM inbound_event WHERE event_id = ?", "s-other").get(0)).contains(OTHER_DUF, "Abdikadir");
                JsonNode journal = JSON.readTree(hub.get("/api/v1/journal/events/" + reportEvent, TestHub.OPS_KEY).body());
                List<String> delivered = new ArrayList<>();
                journal.path("timeline").forEach(e -> {
                    if (e.path("what").asText().equals("delivery attempt")) delivered.add(e.path("outcome").asText());
                });
                assertThat(delivered).contains("DELIVERED");
                assertThat(journal.path("timeline").findValuesAsText("duty")).contains("O39");
            }
        }
    }

    private static ObjectNode signed(String id, String duf, String familyName, String agreementId) {
        ObjectNode e = Fixtures.valid("no.udi.duf.amot.agreement-signed.v1");
        Fixtures.set(e, "/id", id);
        Fixtures.set(e, "/data/person/dufNumber", duf);
        Fixtures.set(e, "/data/person/familyName", familyName);
        Fixtures.set(e, "/data/agreementId", agreementId);
        Fixtures.set(e, "/data/municipalityNumber", "0301");
        Fixtures.set(e, "/data/signedAt", "2026-05-04T10:00:00+02:00");
        Fixtures.set(e, "/time", "2026-05-04T10:00:00+02:00");
        return e;
    }

    private static void post(TestHub hub, ObjectNode event) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(event), TestHub.DUF_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    private static List<String> query(DataSource db, String sql, String param) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }
}
