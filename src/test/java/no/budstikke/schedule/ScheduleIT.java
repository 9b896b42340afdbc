package no.budstikke.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import no.budstikke.dispatch.stage.DispatchService;
import no.budstikke.store.EventState;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedules in the running hub, on a clock the test moves: the hub's own events are stored once
 * and dispatched like any other, on one instance, on two sharing a database, and across a restart.
 */
class ScheduleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SINGLE = "application/cloudevents+json";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private LogCapture logs;
    private final List<CaseEvents> people = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.attach();
    }

    @AfterEach
    void noPersonalDataWasLogged() {
        logs.close();
        String all = logs.all();
        for (CaseEvents p : people) {
            assertThat(all).as("logs").doesNotContain(p.dufNumber).doesNotContain(p.givenName).doesNotContain("Planleggesen");
        }
    }

    private CaseEvents person(String duf, String givenName, String birthDate) {
        CaseEvents p = new CaseEvents(duf, givenName, LocalDate.parse(birthDate));
        people.add(p);
        return p;
    }

    @Test
    void theTurningEighteenRequestGoesOncePerPersonWithinTheLeadTimeAndNeverTwice() throws Exception {
        TestClock clock = TestClock.at("2026-09-01T08:00:00Z");
        CaseEvents a = person("202609010001", "Aurora", "2008-12-24");   // 18 on 24 Dec 2026: due from 25 Oct
        CaseEvents b = person("202609010002", "Birk", "2008-12-20");     // the centre sends turning-18 itself, early
        CaseEvents c = person("202609010003", "Cecilie", "2008-12-22");  // known from DUF only: no centre
        CaseEvents d = person("202609010004", "Dag", "2008-08-01");      // 18 a month before the hub first hears of him
        try (TestHub hub = TestHub.start(props(TestDatabases.freshUrl(Kind.H2, dir), dir), clock)) {
            post(hub, a.arrived("2026-09-01T10:00:00+02:00", true), TestHub.ALL_CENTRES_KEY);
            post(hub, b.arrived("2026-09-01T10:00:00+02:00", false), TestHub.ALL_CENTRES_KEY);
            String bRequest = post(hub, b.turning18("2026-09-01T11:00:00+02:00"), TestHub.ALL_CENTRES_KEY);
            String cKey = post(hub, c.decided("2026-09-01T10:00:00+02:00", "other"), TestHub.DUF_KEY);
            post(hub, d.arrived("2026-09-01T10:00:00+02:00", true), TestHub.ALL_CENTRES_KEY);
            assertThat(duties(hub, bRequest)).containsExactly("O9 udi-region-ost", "O10 barnevern-oslo");

            assertThat(tick(hub)).as("nothing is due yet").isZero();
            assertThat(hubEvents(hub)).isEmpty();

            clock.set(Instant.parse("2026-10-26T08:00:00Z"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(hubEvents(hub, a)).extracting(HubEvent::status)
                    .containsExactly(EventState.DISPATCHED.name()));
            HubEvent made = hubEvents(hub, a).get(0);
            assertThat(made.type()).isEqualTo("no.udi.mot.resident.turning-18.v1");
            assertThat(duties(hub, made.key())).containsExactly("O9 udi-region-ost", "O10 barnevern-oslo");
            assertThat(made.payload().at("/data/eighteenOn").asText()).isEqualTo("2026-12-24");
            assertThat(made.payload().at("/data/caseContext/childWelfareCaseOpen").asBoolean()).isTrue();
            assertThat(made.channel()).isEqualTo("schedule");

            await().atMost(WAIT).untilAsserted(() -> assertThat(alerts(hub, cKey)).hasSize(1));
            for (int i = 0; i < 3; i++) tick(hub);
            assertThat(hubEvents(hub)).as("one event in all: B was asked by the centre, C has no centre, D is too late")
                    .extracting(HubEvent::key).containsExactly(made.key());
            assertThat(alerts(hub, cKey)).as("raised once").hasSize(1);
            String alert = alerts(hub, cKey).get(0);
            assertThat(alert).startsWith(ScheduledDuties.NO_CENTRE + " ").contains("O9");
            for (CaseEvents p : people) assertThat(alert).doesNotContain(p.dufNumber).doesNotContain(p.givenName);

            // The centre's own turning-18 event arrives after the hub's: it asks no one again.
            String late = post(hub, a.turning18("2026-11-02T09:00:00+01:00"), TestHub.ALL_CENTRES_KEY);
            assertThat(duties(hub, late)).isEmpty();
            clock.set(Instant.parse("2026-12-28T08:00:00Z"));
            for (int i = 0; i < 3; i++) tick(hub);
            assertThat(hubEvents(hub)).hasSize(1);
            assertThat(noticesOf(hub, a, "O9")).isEqualTo(1);
            assertThat(noticesOf(hub, a, "O10")).isEqualTo(1);
            assertThat(noticesOf(hub, b, "O9")).isEqualTo(1);

            // No sender may use the hub's own source.
            ObjectNode forged = a.turning18("2026-11-02T09:00:00+01:00");
            forged.put("source", HubEvents.SOURCE);
            HttpResponse<String> r = hub.post("/api/v1/events", SINGLE, JSON.writeValueAsBytes(forged), TestHub.ALL_CENTRES_KEY);
            assertThat(r.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void imdiGetsNothingNewEveryThreeMonthsUnlessAnUpdateWentAndNoneAfterSettlement() throws Exception {
        TestClock clock = TestClock.at("2027-01-10T08:00:00Z");
        CaseEvents p1 = person("202701100001", "Eirik", "2010-05-05");   // no update ever: confirmations
        CaseEvents p2 = person("202701100002", "Frida", "2010-06-06");   // an update on 1 March
        CaseEvents p3 = person("202701100003", "Gunnar", "2010-07-07");  // settled on 15 February
        try (TestHub hub = TestHub.start(props(TestDatabases.freshUrl(Kind.H2, dir), dir), clock)) {
            for (CaseEvents p : List.of(p1, p2, p3)) {
                post(hub, p.arrived("2027-01-05T10:00:00+01:00", null), TestHub.ALL_CENTRES_KEY);
                post(hub, p.decided("2027-01-10T12:00:00+01:00", "residence_permit_settlement"), TestHub.DUF_KEY);
            }
            clock.set(Instant.parse("2027-02-16T08:00:00Z"));
            post(hub, p3.settled("2027-02-15T12:00:00+01:00"), TestHub.DUF_KEY);
            clock.set(Instant.parse("2027-03-01T09:00:00Z"));
            String update = post(hub, p2.mappingUpdated("2027-03-01T10:00:00+01:00", "Trives godt; går på skole."), TestHub.ALL_CENTRES_KEY);
            assertThat(duties(hub, update)).containsExactly("O30 imdi-ost");

            // Due on 27 March 12:00 Oslo time: three months after the decision, less 14 days.
            clock.set(Instant.parse("2027-03-27T10:59:00Z"));
            assertThat(tick(hub)).isZero();
            clock.set(Instant.parse("2027-03-27T11:00:00Z"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(hubEvents(hub, p1)).extracting(HubEvent::status)
                    .containsExactly(EventState.DISPATCHED.name()));
            HubEvent first = hubEvents(hub, p1).get(0);
            assertThat(first.type()).isEqualTo("no.udi.mot.mapping.updated.v1");
            assertThat(first.payload().at("/data/newInformation").asBoolean(true)).isFalse();
            assertThat(first.payload().at("/data/mappingSummary").asText()).isEqualTo(HubEvents.NO_MAPPING);
            assertThat(duties(hub, first.key())).containsExactly("O30 imdi-ost");
            for (int i = 0; i < 3; i++) tick(hub);
            assertThat(hubEvents(hub, p2)).as("the update went in the period").isEmpty();
            assertThat(hubEvents(hub, p3)).as("settled").isEmpty();
            assertThat(hubEvents(hub, p1)).hasSize(1);

            // P2: three months after the update, less 14 days (18 May); P1 not before 13 June.
            clock.set(Instant.parse("2027-06-10T08:00:00Z"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(hubEvents(hub, p2)).extracting(HubEvent::status)
                    .containsExactly(EventState.DISPATCHED.name()));
            HubEvent p2Update = hubEvents(hub, p2).get(0);
            assertThat(p2Update.payload().at("/data/mappingSummary").asText()).isEqualTo("Trives godt; går på skole.");
            assertThat(duties(hub, p2Update.key())).containsExactly("O30 imdi-ost");
            for (int i = 0; i < 3; i++) tick(hub);
            assertThat(hubEvents(hub, p1)).hasSize(1);
            assertThat(hubEvents(hub, p3)).isEmpty();
        }
    }

    @Test
    void twoHubsOnOneDatabaseMakeEachEventOnceAndARestartedHubGoesOnWithoutRepeating() throws Exception {
        TestClock clock = TestClock.at("2027-01-10T08:00:00Z");
        List<CaseEvents> turning = List.of(person("202701200001", "Hanna", "2009-04-01"),
                person("202701200002", "Ivar", "2009-04-01"), person("202701200003", "Jorunn", "2009-04-01"));
        CaseEvents waiting = person("202701200004", "Kari", "2010-01-01");
        String db = TestDatabases.freshUrl(Kind.POSTGRES, dir);
        try (TestHub one = TestHub.start(props(db, dir.resolve("one")), clock);
             TestHub two = TestHub.start(props(db, dir.resolve("two")), clock)) {
            for (CaseEvents p : turning) post(one, p.arrived("2027-01-05T10:00:00+01:00", true), TestHub.ALL_CENTRES_KEY);
            post(two, waiting.arrived("2027-01-05T10:00:00+01:00", null), TestHub.ALL_CENTRES_KEY);
            post(two, waiting.decided("2027-01-10T12:00:00+01:00", "residence_permit_settlement"), TestHub.DUF_KEY);
            assertThat(hubEvents(one)).isEmpty();

            // Both hubs' timers and four more ticks at once, two on each hub.
            clock.set(Instant.parse("2027-03-28T08:00:00Z"));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> ticks = new ArrayList<>();
                for (TestHub hub : List.of(one, two, one, two)) ticks.add(pool.submit(() -> tick(hub)));
                for (Future<Integer> t : ticks) t.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(hubEvents(one)).hasSize(4)
                    .extracting(HubEvent::status).containsOnly(EventState.DISPATCHED.name()));
            for (CaseEvents p : turning) {
                assertThat(hubEvents(one, p)).hasSize(1);
                assertThat(noticesOf(one, p, "O9")).isEqualTo(1);
                assertThat(noticesOf(one, p, "O10")).isEqualTo(1);
            }
            assertThat(hubEvents(one, waiting)).hasSize(1);
            assertThat(noticesOf(one, waiting, "O30")).isEqualTo(1);
        }

        clock.set(Instant.parse("2027-06-30T08:00:00Z"));
        try (TestHub again = TestHub.start(props(db, dir.resolve("again")), clock)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(hubEvents(again, waiting)).hasSize(2)
                    .extracting(HubEvent::status).containsOnly(EventState.DISPATCHED.name()));
            for (int i = 0; i < 3; i++) tick(again);
            assertThat(hubEvents(again)).as("the turning-18 events are not made again; the second update is new").hasSize(5);
            assertThat(noticesOf(again, waiting, "O30")).isEqualTo(2);
            for (CaseEvents p : turning) assertThat(noticesOf(again, p, "O9")).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, String> props(String dbUrl, Path dataDir) {
        Map<String, String> p = TestHub.defaults(dataDir, dbUrl);
        p.put("budstikke.schedule.poll-ms", "100");
        return p;
    }

    private static int tick(TestHub hub) {
        return hub.bean("scheduledDuties", ScheduledDuties.class).tick();
    }

    /** Posts the event and waits until it is dispatched; returns its key. */
    private static String post(TestHub hub, ObjectNode event, String apiKey) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/events", SINGLE, JSON.writeValueAsBytes(event), apiKey);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(r.body());
        String statusPath = answer.path("status").asText();
        await().atMost(WAIT).untilAsserted(() -> assertThat(JSON.readTree(hub.get(statusPath, TestHub.OPS_KEY).body())
                .path("status").asText()).isEqualTo(EventState.DISPATCHED.name()));
        return answer.path("key").asText();
    }

    record HubEvent(String key, String type, String status, String channel, JsonNode payload) {
    }

    private static List<HubEvent> hubEvents(TestHub hub) throws Exception {
        return hubEvents(hub, null);
    }

    private static List<HubEvent> hubEvents(TestHub hub, CaseEvents person) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT event_key, type, status, channel, payload FROM inbound_event"
                     + " WHERE source = ? AND (? IS NULL OR duf_number = ?) ORDER BY seq")) {
            ps.setString(1, HubEvents.SOURCE);
            ps.setString(2, person == null ? null : person.dufNumber);
            ps.setString(3, person == null ? null : person.dufNumber);
            List<HubEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HubEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), JSON.readTree(rs.getString(5))));
                }
            }
            return out;
        }
    }

    /** "duty office" of each notice of the event, in duty order. */
    private static List<String> duties(TestHub hub, String eventKey) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT duty, office_id FROM notice WHERE event_key = ? AND duty IN"
                     + " ('O9', 'O10', 'O30') ORDER BY LENGTH(duty), duty, office_id")) {
            ps.setString(1, eventKey);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2));
            }
            return out;
        }
    }

    private static int noticesOf(TestHub hub, CaseEvents person, String duty) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM notice n JOIN inbound_event e ON e.event_key = n.event_key"
                     + " WHERE e.duf_number = ? AND n.duty = ?")) {
            ps.setString(1, person.dufNumber);
            ps.setString(2, duty);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** "kind subject detail" of each alert about the event. */
    private static List<String> alerts(TestHub hub, String eventKey) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT kind, subject, detail FROM alert WHERE event_key = ?")) {
            ps.setString(1, eventKey);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
            return out;
        }
    }
}
