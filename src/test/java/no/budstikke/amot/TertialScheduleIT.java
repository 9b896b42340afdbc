package no.budstikke.amot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
import no.budstikke.amot.AmotEvents.Person;
import no.budstikke.schedule.TertialSchedule;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's own tertial-due event: made when the clock enters a tertial, stored once however many
 * instances tick and however often the hub restarts, and one report per region whoever else (DUF)
 * sends a tertial-due event for the same period.
 */
class TertialScheduleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 14:00 on 31 August in Oslo: the last day of T2. */
    private static final Instant IN_T2 = Instant.parse("2026-08-31T12:00:00Z");
    /** 00:00:01 on 1 September in Oslo: T3 has begun. */
    private static final Instant T3_BEGUN = Instant.parse("2026-08-31T22:00:01Z");

    static final Person AMINA = new Person("201912345678", "Amina", "Hassan", "2010-03-14", "SOM");
    static final Person YUSUF = new Person("202101010003", "Yusuf", "Abdikadir", "2011-06-30", "ERI");

    @TempDir
    Path dir;

    @Test
    void theHubMakesItsTertialEventOnceAcrossARestartAndBesideDufsAndReportsOncePerRegion() throws Exception {
        TestClock clock = new TestClock(IN_T2);
        Map<String, String> p = settings(dir.resolve("hub"), TestDatabases.freshUrl(Kind.H2, dir.resolve("hub")));
        try (LogCapture logs = LogCapture.attach()) {
            TestHub hub = TestHub.start(p, clock);
            try {
                // Started within T2: its event is made at once, and finds no agreements to report.
                awaitDispatched(hub, "tertial-due-2026-T2");
                signAgreementsInTwoRegions(hub);
                assertThat(reports(hub)).isEmpty();

                clock.set(T3_BEGUN);
                awaitDispatched(hub, "tertial-due-2026-T3");
                List<String> made = await().atMost(WAIT).until(() -> reports(hub), r -> r.size() == 2);
                assertThat(made).containsExactly("2026-T3 udi-region-ost", "2026-T3 udi-region-vest");

                // DUF's own tertial-due for the same period changes nothing.
                post(hub, AmotEvents.tertialDue("duf-2026-T3", "2026-T3", "2026-09-01T08:00:00+02:00"));
                await().atMost(WAIT).until(() -> status(hub, "urn:no:udi:duf", "duf-2026-T3"), "DISPATCHED"::equals);
                assertThat(reports(hub)).isEqualTo(made);
                assertThat(logs.all()).contains("tertial report period=2026-T3 region=Øst office=udi-region-ost already made");

                // The sandbox (the embedded default) holds the CSV next to each notice.
                Path ost = dir.resolve("hub/sandbox/udi-region-ost");
                await().atMost(WAIT).until(() -> Files.isDirectory(ost) && Files.list(ost).anyMatch(f -> f.toString().endsWith("-amot-2026-T3-ost.csv")));
            } finally {
                hub.close();
            }

            int ticksBefore = duplicateTicks(logs);
            TestHub again = TestHub.start(p, clock);
            try {
                // The restarted hub ticks, finds the period's event stored, and stores nothing.
                await().atMost(WAIT).until(() -> duplicateTicks(logs) > ticksBefore);
                assertThat(hubEvents(again)).containsExactly("tertial-due-2026-T2", "tertial-due-2026-T3");
                assertThat(reports(again)).containsExactly("2026-T3 udi-region-ost", "2026-T3 udi-region-vest");
            } finally {
                again.close();
            }
            assertThat(logs.all()).doesNotContain("201912345678").doesNotContain("Hassan").doesNotContain("Abdikadir");
        }
    }

    @Test
    void twoInstancesOnOneDatabaseStoreOneEventAndOneReportPerRegion() throws Exception {
        TestClock clock = new TestClock(IN_T2);
        String db = TestDatabases.freshUrl(Kind.POSTGRES, dir);
        TestHub one = TestHub.start(settings(dir.resolve("one"), db), clock);
        TestHub two = null;
        try {
            two = TestHub.start(settings(dir.resolve("two"), db), clock);
            awaitDispatched(one, "tertial-due-2026-T2");
            signAgreementsInTwoRegions(one);

            clock.set(T3_BEGUN);
            awaitDispatched(one, "tertial-due-2026-T3");
            await().atMost(WAIT).until(() -> reports(one), r -> r.size() == 2);
            post(two, AmotEvents.tertialDue("duf-2026-T3", "2026-T3", "2026-09-01T08:00:00+02:00"));
            await().atMost(WAIT).until(() -> status(one, "urn:no:udi:duf", "duf-2026-T3"), "DISPATCHED"::equals);

            assertThat(hubEvents(two)).containsExactly("tertial-due-2026-T2", "tertial-due-2026-T3");
            assertThat(reports(two)).containsExactly("2026-T3 udi-region-ost", "2026-T3 udi-region-vest");
        } finally {
            if (two != null) two.close();
            one.close();
        }
    }

    private static Map<String, String> settings(Path dataDir, String dbUrl) {
        Map<String, String> p = TestHub.defaults(dataDir, dbUrl);
        p.put("budstikke.schedule.tertial.poll-ms", "100");
        p.put("budstikke.dispatch.poll-ms", "100");
        p.put("budstikke.delivery.poll-ms", "100");
        return p;
    }

    private static void signAgreementsInTwoRegions(TestHub hub) throws Exception {
        post(hub, AmotEvents.signed("s-1", AMINA, "0301", "AMOT-2026-0001", "2026-05-04T10:00:00+02:00", "doc-amot-1"));
        post(hub, AmotEvents.signed("s-2", YUSUF, "4601", "AMOT-2026-0002", "2026-06-01T09:30:00+02:00", "doc-amot-2"));
        for (String id : List.of("s-1", "s-2")) {
            await().atMost(WAIT).until(() -> status(hub, "urn:no:udi:duf", id), "DISPATCHED"::equals);
        }
    }

    private static void post(TestHub hub, ObjectNode event) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(event), TestHub.DUF_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    private static void awaitDispatched(TestHub hub, String hubEventId) {
        await().atMost(WAIT).until(() -> status(hub, TertialSchedule.SOURCE, hubEventId), "DISPATCHED"::equals);
    }

    /** How many times a tick found its event already stored, by intake's own log line. */
    private static int duplicateTicks(LogCapture logs) {
        return (int) logs.lines().stream().filter(l -> l.contains("intake channel=schedule events=1 stored=0 duplicate=1")).count();
    }

    private static String status(TestHub hub, String source, String id) throws Exception {
        List<String> rows = query(hub, "SELECT status FROM inbound_event WHERE source = '" + source + "' AND event_id = '" + id + "'");
        return rows.isEmpty() ? "" : rows.get(0);
    }

    private static List<String> hubEvents(TestHub hub) throws Exception {
        return query(hub, "SELECT event_id FROM inbound_event WHERE source = '" + TertialSchedule.SOURCE + "' ORDER BY event_id");
    }

    /** The O39 notices as "period office", from their documents. */
    private static List<String> reports(TestHub hub) throws Exception {
        List<String> out = new ArrayList<>();
        for (String document : query(hub, "SELECT document FROM notice WHERE duty = 'O39' ORDER BY office_id")) {
            JsonNode d = JSON.readTree(document);
            out.add(d.at("/content/period").asText() + " " + d.at("/recipient/officeId").asText());
        }
        return out;
    }

    private static List<String> query(TestHub hub, String sql) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        }
    }
}
