package no.budstikke.deadline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import no.budstikke.alert.Alerts;
import no.budstikke.alert.UnresolvedRecipients;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.Office;
import no.budstikke.model.Priority;
import no.budstikke.store.Transactions;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.StoredAlert;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;
import no.budstikke.testing.TestOffices;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deadlines D1–D6 in the running hub, on a clock the test moves: started by dispatch, met by delivery
 * or by their closing event, at risk and breached with alerts to the ops mailbox, shown in the journal
 * and on {@code GET /api/v1/deadlines}, and still watched after a restart.
 */
class DeadlinesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Several ticks of the watch (poll-ms 100 here). */
    private static final Duration TICKS = Duration.ofMillis(500);
    /** Personal values of events/missing.json: none may reach the logs. */
    private static final List<String> PERSONAL = List.of("Amina", "Hassan", "201912345678", "2010-03-14", "Kari Nordmann",
            "+4791234567", "Per Hansen", "Storo", "braid", "Asthma", "interpreter");

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ D1

    @Test
    void aDisappearanceThePoliceCannotReceiveIsAtRiskAfterTwelveHoursAndBreachedAfterTwentyFourWithoutPersonalDataInTheLogs()
            throws Exception {
        WireMockServer http = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        http.start();
        smtp.start();
        // Every HTTP office answers, except the Oslo police, which is down for the whole test.
        http.stubFor(post(urlMatching("/.*")).willReturn(aResponse().withStatus(201)));
        http.stubFor(post(urlEqualTo("/police-oslo")).willReturn(aResponse().withStatus(503)));
        TestClock clock = TestClock.at("2026-11-20T20:15:30Z"); // 30 s after the disappearance was reported
        Map<String, String> p = settings(Kind.H2);
        p.put("budstikke.config.dir", TestOffices.configFolder(dir.resolve("offices"), "http://127.0.0.1:" + http.port(),
                "sftp://127.0.0.1:1").toString());
        p.put("budstikke.delivery.sandbox", "false");
        p.putAll(TestOffices.mailServer(smtp.getSmtp().getPort()));
        try (LogCapture capture = LogCapture.attach()) {
            try (TestHub hub = TestHub.start(p, clock)) {
                String key = postEvent(hub, Fixtures.example("missing"));
                JsonNode run = awaitRun(hub, key, "D1", "RUNNING");
                assertThat(run.path("dueAt").asText()).isEqualTo("2026-11-21T20:15:00Z");
                assertThat(run.path("atRiskAt").asText()).isEqualTo("2026-11-21T08:15:00Z");
                await().atMost(WAIT).untilAsserted(() -> assertThat(noticeStatus(hub, key, "police-oslo")).isIn("FAILED", "DEAD"));
                clock.advance(Duration.ofHours(11));
                // several watch ticks: nothing is due yet
                throughoutTicks(() -> assertThat(alerts(hub, key)).isEmpty());

                clock.set(Instant.parse("2026-11-21T08:16:00Z"));
                await().atMost(WAIT).untilAsserted(() -> assertThat(alerts(hub, key)).extracting(StoredAlert::kind)
                        .containsExactly(DeadlineAlerts.AT_RISK));
                StoredAlert atRisk = alerts(hub, key).get(0);
                assertThat(atRisk.subject()).isEqualTo("D1 at risk: Police, child welfare and UDI told of a disappearance");
                assertThat(atRisk.detail()).contains("Due 2026-11-21T21:15:00+01:00", "O21 to police-oslo").doesNotContain("barnevern-oslo");
                // The alert goes to the ops mailbox as an ordinary notice through the outbox.
                await().atMost(WAIT).untilAsserted(() -> assertThat(mailTo(smtp, "drift@budstikke.example")).hasSize(1));
                assertThat(mailTo(smtp, "drift@budstikke.example").get(0).getSubject()).doesNotContain("Amina", "Hassan");
                assertThat(awaitRun(hub, key, "D1", "RUNNING").path("atRiskAlertedAt").asText()).isEqualTo("2026-11-21T08:16:00Z");
                // ... and shows on the ops API.
                JsonNode onApi = json(hub.get("/api/v1/alerts", TestHub.OPS_KEY)).path("alerts").get(0);
                assertThat(onApi.path("kind").asText()).isEqualTo(DeadlineAlerts.AT_RISK);
                assertThat(onApi.path("eventKey").asText()).isEqualTo(key);
                assertThat(onApi.path("subject").asText()).isEqualTo(atRisk.subject());
                // ... and counted for ops' alerting.
                await().atMost(WAIT).untilAsserted(() -> assertThat(hub.getManagement("/observe/metrics").body())
                        .contains("budstikke_deadlines_at_risk{deadline=\"D1\"} 1.0",
                                "budstikke_alerts_open{kind=\"" + DeadlineAlerts.AT_RISK + "\"} 1.0"));
                throughoutTicks(() -> assertThat(alerts(hub, key)).as("raised once, however many ticks pass").hasSize(1));

                clock.set(Instant.parse("2026-11-21T20:16:00Z"));
                JsonNode breached = awaitRun(hub, key, "D1", "BREACHED");
                assertThat(breached.path("breachedAt").asText()).isEqualTo("2026-11-21T20:16:00Z");
                await().atMost(WAIT).untilAsserted(() -> assertThat(alerts(hub, key)).extracting(StoredAlert::kind)
                        .containsExactlyInAnyOrder(DeadlineAlerts.AT_RISK, DeadlineAlerts.BREACHED));
                await().atMost(WAIT).untilAsserted(() -> assertThat(mailTo(smtp, "drift@budstikke.example")).hasSize(2));

                JsonNode journal = json(hub.get("/api/v1/journal/events/" + key, TestHub.OPS_KEY));
                List<String> whats = whats(journal);
                assertThat(whats).containsSubsequence("deadline started", "deadline at risk", "deadline breached");
                assertThat(whats).contains("alert raised");
                assertThat(entry(journal, "deadline breached").path("at").asText()).isEqualTo("2026-11-21T20:15:00Z");
                assertThat(entry(journal, "deadline breached").path("deadlineId").asText()).isEqualTo("D1");
                JsonNode caseJournal = json(hub.post("/api/v1/journal/case", "application/json",
                        "{\"dufNumber\": \"201912345678\"}".getBytes(StandardCharsets.UTF_8), TestHub.OPS_KEY));
                assertThat(caseJournal.path("events").get(0).path("timeline").findValuesAsText("what")).contains("deadline breached");

                HttpResponse<String> api = hub.get("/api/v1/deadlines", TestHub.OPS_KEY);
                assertThat(api.body()).doesNotContain("201912345678").doesNotContain("dufNumber");
                assertThat(hub.get("/api/v1/deadlines", TestHub.CENTRE_0301_KEY).statusCode()).isEqualTo(403);
                assertThat(hub.get("/api/v1/deadlines", null).statusCode()).isEqualTo(401);
                assertThat(hub.get("/api/v1/deadlines?status=LATE", TestHub.OPS_KEY).statusCode()).isEqualTo(400);
            } finally {
                http.stop();
                smtp.stop();
            }
            String log = capture.all();
            assertThat(log).as("the capture saw the deadline's life").contains("deadline D1 run=", "at risk", "breached");
            for (String value : PERSONAL) assertThat(log).as("personal value in the logs").doesNotContain(value);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDisappearanceEveryOfficeReceivesMeetsD1WithoutAnAlert(Kind kind) throws Exception {
        TestClock clock = TestClock.at("2026-11-20T20:15:30Z");
        try (TestHub hub = TestHub.start(settings(kind), clock)) {
            String key = postEvent(hub, Fixtures.example("missing"));

            JsonNode met = awaitRun(hub, key, "D1", "MET");

            assertThat(met.path("closedBy").asText()).isEqualTo("delivered");
            assertThat(met.path("closedAt").asText()).isEqualTo("2026-11-20T20:15:30Z");
            clock.advance(Duration.ofDays(2));
            throughoutTicks(() -> assertThat(alerts(hub, key)).isEmpty());
            assertThat(whats(json(hub.get("/api/v1/journal/events/" + key, TestHub.OPS_KEY)))).contains("deadline started", "deadline met");
        }
    }

    // ------------------------------------------------------------------ D2

    @Test
    void aLeaveAppliedTheWednesdayBeforeEasterIsDueAfterEasterAndItsDecisionMeetsIt() throws Exception {
        TestClock clock = TestClock.at("2025-04-16T12:31:00Z");
        try (TestHub hub = TestHub.start(settings(Kind.H2), clock)) {
            ObjectNode applied = leaveApplied("easter", "2025-04-16T14:30:00+02:00", "L-2025-0416");
            String key = postEvent(hub, applied);
            JsonNode run = awaitRun(hub, key, "D2", "RUNNING");
            // Maundy Thursday, Good Friday, the weekend and Easter Monday do not count.
            assertThat(run.path("dueAt").asText()).isEqualTo("2025-04-24T12:30:00Z");
            assertThat(run.path("atRiskAt").asText()).isEqualTo("2025-04-23T00:30:00Z");

            clock.set(Instant.parse("2025-04-22T07:00:00Z")); // Tuesday after Easter, before the at-risk point
            postEvent(hub, leaveDecided(applied, "easter-other", "2025-04-22T09:00:00+02:00", "L-2025-0999"));
            String decided = postEvent(hub, leaveDecided(applied, "easter", "2025-04-22T09:00:00+02:00", "L-2025-0416"));

            JsonNode met = awaitRun(hub, key, "D2", "MET");
            assertThat(met.path("closedBy").asText()).isEqualTo(decided);
            assertThat(met.path("closedAt").asText()).isEqualTo("2025-04-22T07:00:00Z");
            clock.set(Instant.parse("2025-04-30T07:00:00Z"));
            throughoutTicks(() -> assertThat(alerts(hub, key)).isEmpty());
        }
    }

    @Test
    void aLeaveAppliedInChristmasWeekRunsOverTheHolidaysIsBreachedAndALateDecisionShowsInTheJournal() throws Exception {
        TestClock clock = TestClock.at("2026-12-23T09:00:30Z");
        try (TestHub hub = TestHub.start(settings(Kind.POSTGRES), clock)) {
            ObjectNode applied = leaveApplied("christmas", "2026-12-23T10:00:00+01:00", "L-2026-1223");
            String key = postEvent(hub, applied);
            // Wednesday 23 and Christmas Eve count; 25 and 26 December and the Sunday do not.
            assertThat(awaitRun(hub, key, "D2", "RUNNING").path("dueAt").asText()).isEqualTo("2026-12-29T09:00:00Z");

            clock.set(Instant.parse("2026-12-29T09:01:00Z"));
            awaitRun(hub, key, "D2", "BREACHED");
            await().atMost(WAIT).untilAsserted(() -> assertThat(alerts(hub, key)).extracting(StoredAlert::kind)
                    .containsExactly(DeadlineAlerts.BREACHED));
            assertThat(alerts(hub, key).get(0).detail()).contains("Waiting for no.udi.mot.leave.decided.v1");

            String decided = postEvent(hub, leaveDecided(applied, "christmas", "2026-12-30T09:00:00+01:00", "L-2026-1223"));
            JsonNode late = await().atMost(WAIT).until(() -> run(hub, key, "D2"), r -> r != null && r.has("closedAt"));
            assertThat(late.path("status").asText()).isEqualTo("BREACHED");
            assertThat(late.path("closedBy").asText()).isEqualTo(decided);
            assertThat(whats(json(hub.get("/api/v1/journal/events/" + key, TestHub.OPS_KEY))))
                    .containsSubsequence("deadline started", "deadline breached", "alert raised", "deadline met late");
        }
    }

    // ------------------------------------------------------------------ start-up

    @Test
    void aBadDeadlinesFileOrAnUnsetEscalationMailboxStopsTheHubWithItsReasons() throws Exception {
        Path config = TestOffices.configFolder(dir.resolve("broken"), "http://127.0.0.1:1", "sftp://127.0.0.1:1");
        Path file = config.resolve("deadlines.yaml");
        String shipped = java.nio.file.Files.readString(file);
        Map<String, String> p = settings(Kind.H2);
        p.put("budstikke.config.dir", config.toString());

        java.nio.file.Files.writeString(file, shipped.replace("watches: [O20, O21, O22]", "watches: [O20, O21, O222]"));
        assertThat(startFailure(p)).contains("deadlines.yaml:", "at /deadlines/0/watches/2", "duty O222 has no rule");

        java.nio.file.Files.writeString(file, shipped.replaceFirst("escalateTo: budstikke.ops.mailbox", "escalateTo: budstikke.police.mailbox"));
        assertThat(startFailure(p)).contains("D1 escalates to the setting 'budstikke.police.mailbox', which is not set");
    }

    private static String startFailure(Map<String, String> p) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> TestHub.start(p).close());
        assertThat(t).as("the hub must not start").isNotNull();
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }

    // ------------------------------------------------------------------ restart

    @Test
    void aRunningDeadlineIsStillWatchedByTheNextHubOnTheSameDatabaseAndBreaches() throws Exception {
        TestClock clock = TestClock.at("2025-04-16T12:31:00Z");
        Map<String, String> p = settings(Kind.H2);
        ObjectNode applied = leaveApplied("restart", "2025-04-16T14:30:00+02:00", "L-2025-0001");
        String key;
        try (TestHub hub = TestHub.start(p, clock)) {
            key = postEvent(hub, applied);
            awaitRun(hub, key, "D2", "RUNNING");
        }
        clock.set(Instant.parse("2025-04-24T12:31:00Z")); // past due while no hub ran
        try (TestHub hub = TestHub.start(p, clock)) {
            JsonNode breached = awaitRun(hub, key, "D2", "BREACHED");
            assertThat(breached.path("breachedAt").asText()).isEqualTo("2025-04-24T12:31:00Z");
            await().atMost(WAIT).untilAsserted(() -> assertThat(alerts(hub, key)).extracting(StoredAlert::kind)
                    .containsExactly(DeadlineAlerts.BREACHED));
            // The decision, arriving at the new hub, is matched with the application the old one took in.
            String decided = postEvent(hub, leaveDecided(applied, "restart", "2025-04-24T15:00:00+02:00", "L-2025-0001"));
            JsonNode late = await().atMost(WAIT).until(() -> run(hub, key, "D2"), r -> r != null && r.has("closedAt"));
            assertThat(late.path("closedBy").asText()).isEqualTo(decided);
        }
    }

    // ------------------------------------------------------------------ two instances

    @Test
    void twoHubsOnOneDatabaseRaiseEachAlertOnce() throws Exception {
        TestClock clock = TestClock.at("2025-04-16T12:31:00Z");
        Map<String, String> p = settings(Kind.POSTGRES);
        try (TestHub one = TestHub.start(p, clock); TestHub two = TestHub.start(p, clock)) {
            String key = postEvent(one, leaveApplied("twins", "2025-04-16T14:30:00+02:00", "L-2025-0002"));
            awaitRun(two, key, "D2", "RUNNING");

            clock.set(Instant.parse("2025-04-23T00:31:00Z"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(alerts(one, key)).hasSize(1));
            clock.set(Instant.parse("2025-04-24T12:31:00Z"));
            awaitRun(one, key, "D2", "BREACHED");
            await().atMost(WAIT).untilAsserted(() -> assertThat(alerts(two, key)).hasSize(2));
            // both watches tick several more times
            throughoutTicks(() -> assertThat(alerts(one, key)).extracting(StoredAlert::kind)
                    .containsExactlyInAnyOrder(DeadlineAlerts.AT_RISK, DeadlineAlerts.BREACHED));
            assertThat(runs(one, key, "D2", "RUNNING,MET,BREACHED,ENDED")).hasSize(1);
        }
    }

    // ------------------------------------------------------------------ D3–D6

    @Test
    void anAmotCaseRunsD3D4D5AndD6FromItsEventsAndTheirNotices() throws Exception {
        TestClock clock = TestClock.at("2026-11-20T11:00:30Z");
        try (TestHub hub = TestHub.start(settings(Kind.H2), clock)) {
            // An AMOT agreement in Hamar: the tertial report to UDI Indre Østland (D6) starts.
            String signed = postEvent(hub, Fixtures.valid("no.udi.duf.amot.agreement-signed.v1"));
            JsonNode d6 = awaitRun(hub, signed, "D6", "RUNNING");
            assertThat(d6.path("udiRegion").asText()).isEqualTo("Indre Østland");
            assertThat(d6.path("dueAt").asText()).isEqualTo("2027-03-20T11:00:00Z");

            // A permit that grounds settlement: the mapping summary (D3) goes to IMDi and is delivered; D4 runs.
            clock.set(Instant.parse("2026-11-21T11:00:30Z"));
            ObjectNode permit = Fixtures.valid("no.udi.duf.case.decided.v1");
            Fixtures.set(permit, "/id", "deadline-permit");
            Fixtures.set(permit, "/time", "2026-11-21T12:00:00+01:00");
            Fixtures.set(permit, "/data/decision", "residence_permit_settlement");
            String decided = postEvent(hub, permit);
            assertThat(awaitRun(hub, decided, "D3", "MET").path("closedBy").asText()).isEqualTo("delivered");
            JsonNode d4 = awaitRun(hub, decided, "D4", "RUNNING");
            assertThat(d4.path("dueAt").asText()).isEqualTo("2027-02-21T11:00:00Z");

            // A second such decision while D4 runs starts no second D4 for the case. The agreement ended with
            // the first, so IMDi cannot be resolved for this one: its D3 can never be met, because nobody was told.
            Fixtures.set(permit, "/id", "deadline-permit-again");
            String again = postEvent(hub, permit);
            awaitRun(hub, again, "D3", "RUNNING");
            assertThat(run(hub, again, "D4")).isNull();

            // An update to IMDi while awaiting settlement meets D4 for this round; the next round starts then.
            clock.set(Instant.parse("2027-01-10T09:00:30Z"));
            ObjectNode update = Fixtures.valid("no.udi.mot.mapping.updated.v1");
            Fixtures.set(update, "/time", "2027-01-10T10:00:00+01:00");
            Fixtures.set(update, "/data/caseContext", JSON.createObjectNode().put("awaitingSettlement", true));
            postEvent(hub, update);
            awaitRun(hub, again, "D3", "BREACHED");
            await().atMost(WAIT).untilAsserted(() -> assertThat(alerts(hub, again))
                    .filteredOn(a -> a.kind().equals(DeadlineAlerts.BREACHED)).extracting(StoredAlert::detail)
                    .singleElement().asString().contains("No notice of O28 was decided"));
            // The unresolved recipient itself was raised at once, when the event was dispatched.
            assertThat(alerts(hub, again)).extracting(StoredAlert::kind).contains(UnresolvedRecipients.KIND);
            JsonNode metD4 = awaitRun(hub, decided, "D4", "MET");
            assertThat(metD4.path("closedAt").asText()).isEqualTo("2027-01-10T09:00:30Z");
            JsonNode round2 = await().atMost(WAIT).until(() -> running(hub, decided, "D4"), r -> r != null);
            assertThat(round2.path("round").asInt()).isEqualTo(2);
            assertThat(round2.path("startedAt").asText()).isEqualTo("2027-01-10T09:00:30Z");
            assertThat(round2.path("dueAt").asText()).isEqualTo("2027-04-10T08:00:30Z");

            // Turning 18: the request to UDI (D5) is delivered before the birthday.
            ObjectNode turning = Fixtures.valid("no.udi.mot.resident.turning-18.v1");
            Fixtures.set(turning, "/time", "2027-01-10T10:00:00+01:00");
            Fixtures.set(turning, "/data/eighteenOn", "2027-03-01");
            String turningKey = postEvent(hub, turning);
            JsonNode d5 = awaitRun(hub, turningKey, "D5", "MET");
            assertThat(d5.path("dueAt").asText()).isEqualTo("2027-02-28T23:00:00Z");

            // Settlement decided: D4 ends for the case, and does not start again.
            clock.set(Instant.parse("2027-01-12T09:00:30Z"));
            ObjectNode settled = Fixtures.valid("no.udi.duf.settlement.decided.v1");
            Fixtures.set(settled, "/time", "2027-01-12T10:00:00+01:00");
            String settledKey = postEvent(hub, settled);
            await().atMost(WAIT).until(() -> runs(hub, decided, "D4", "ENDED").size() == 1);
            JsonNode ended = runs(hub, decided, "D4", "ENDED").get(0);
            assertThat(ended.path("round").asInt()).isEqualTo(2);
            assertThat(ended.path("closedBy").asText()).isEqualTo(settledKey);

            // The tertial report (O39) to the region's office, once delivered, meets D6; the next tertial starts.
            Office region = HubConfigLoader.load(Path.of("config")).directory().offices().stream()
                    .filter(o -> o.id().equals("udi-region-indre-ostland")).findFirst().orElseThrow();
            Transactions transactions = new Transactions(hub.bean("dataSource", DataSource.class));
            NoticeStore notices = new NoticeStore(transactions, clock, new NoticeDocument("Budstikke"));
            Notice o39 = new Notice("O39", false, "amot-base-data", Priority.NORMAL, region, "amot", "test",
                    JSON.createObjectNode().put("period", "2027-T1"), List.of(), List.of());
            ObjectNode signedEvent = Fixtures.valid("no.udi.duf.amot.agreement-signed.v1");
            transactions.inTransaction(c -> notices.insert(c, "00000000000000000000000000000039", signed, signedEvent, o39));
            assertThat(awaitRun(hub, signed, "D6", "MET").path("round").asInt()).isEqualTo(1);
            assertThat(await().atMost(WAIT).until(() -> running(hub, signed, "D6"), r -> r != null).path("round").asInt()).isEqualTo(2);
            assertThat(alerts(hub, signed)).isEmpty();
            assertThat(whats(json(hub.get("/api/v1/journal/events/" + signed, TestHub.OPS_KEY))))
                    .containsSubsequence("deadline started", "deadline met");
        }
    }

    // ---------------------------------------------------------------- steps

    /** {@code assertion} holds at every check throughout several watch ticks, not only after them. */
    private static void throughoutTicks(ThrowingRunnable assertion) {
        await().during(TICKS).atMost(TICKS.plus(WAIT)).untilAsserted(assertion);
    }

    private Map<String, String> settings(Kind kind) {
        Map<String, String> p = TestHub.defaults(dir, TestDatabases.freshUrl(kind, dir));
        p.put("budstikke.deadlines.poll-ms", "100");
        p.put("budstikke.dispatch.poll-ms", "100");
        p.put("budstikke.delivery.poll-ms", "100");
        p.put("budstikke.delivery.metrics-ms", "100");
        return p;
    }

    private static String postEvent(TestHub hub, JsonNode event) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(event),
                keyFor(event));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("key").asText();
    }

    private static String keyFor(JsonNode event) {
        return event.path("source").asText().startsWith("urn:no:udi:duf") ? TestHub.DUF_KEY : TestHub.ALL_CENTRES_KEY;
    }

    private static ObjectNode leaveApplied(String id, String time, String leaveId) {
        ObjectNode e = Fixtures.example("leave-applied");
        Fixtures.set(e, "/id", "deadline-leave-" + id);
        Fixtures.set(e, "/time", time);
        Fixtures.set(e, "/data/leaveId", leaveId);
        return e;
    }

    private static ObjectNode leaveDecided(ObjectNode applied, String id, String time, String leaveId) {
        ObjectNode e = Fixtures.valid("no.udi.mot.leave.decided.v1");
        Fixtures.set(e, "/id", "deadline-decided-" + id + "-" + leaveId);
        Fixtures.set(e, "/source", applied.path("source").asText());
        Fixtures.set(e, "/time", time);
        Fixtures.set(e, "/data/person", applied.path("data").path("person").deepCopy());
        Fixtures.set(e, "/data/centre", applied.path("data").path("centre").deepCopy());
        Fixtures.set(e, "/data/leaveId", leaveId);
        return e;
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Every run of a deadline started by the event, in any status. */
    private static List<JsonNode> runs(TestHub hub, String eventKey, String deadlineId, String status) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : json(hub.get("/api/v1/deadlines?status=" + status + "&limit=1000", TestHub.OPS_KEY)).path("deadlines")) {
            if (r.path("eventKey").asText().equals(eventKey) && r.path("deadlineId").asText().equals(deadlineId)) out.add(r);
        }
        return out;
    }

    /** The newest run of the deadline for the event, whatever its status; null if none. */
    private static JsonNode run(TestHub hub, String eventKey, String deadlineId) throws Exception {
        List<JsonNode> all = runs(hub, eventKey, deadlineId, "RUNNING,MET,BREACHED,ENDED");
        return all.stream().max((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong())).orElse(null);
    }

    private static JsonNode running(TestHub hub, String eventKey, String deadlineId) throws Exception {
        List<JsonNode> all = runs(hub, eventKey, deadlineId, "RUNNING");
        return all.isEmpty() ? null : all.get(0);
    }

    private static JsonNode awaitRun(TestHub hub, String eventKey, String deadlineId, String status) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> runs(hub, eventKey, deadlineId, status), l -> l.size() == 1).get(0);
    }

    private static List<StoredAlert> alerts(TestHub hub, String eventKey) {
        return hub.bean("alerts", Alerts.class).list(true, 1000).stream().filter(a -> a.eventKey().equals(eventKey)).toList();
    }

    private static String noticeStatus(TestHub hub, String eventKey, String officeId) throws Exception {
        JsonNode status = json(hub.get("/api/v1/events/" + eventKey, TestHub.OPS_KEY));
        for (JsonNode n : status.path("notices")) {
            if (n.path("officeId").asText().equals(officeId)) return n.path("status").asText();
        }
        return null;
    }

    private static List<MimeMessage> mailTo(GreenMail smtp, String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            Address[] to = m.getRecipients(RecipientType.TO);
            if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address))) out.add(m);
        }
        return out;
    }

    private static List<String> whats(JsonNode journal) {
        return journal.path("timeline").findValuesAsText("what");
    }

    private static JsonNode entry(JsonNode journal, String what) {
        for (JsonNode e : journal.path("timeline")) if (e.path("what").asText().equals(what)) return e;
        throw new AssertionError("no '" + what + "' in the journal");
    }
}
