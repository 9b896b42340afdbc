package no.budstikke.dispatch.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import no.budstikke.alert.Alerts;
import no.budstikke.alert.UnresolvedRecipients;
import no.budstikke.amot.TertialReport;
import no.budstikke.casefile.OtherCentreHolds;
import no.budstikke.casefile.UnmatchedReturns;
import no.budstikke.deadline.DeadlineTracker;
import no.budstikke.dispatch.DispatchListener;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.reload.LiveConfig;
import no.budstikke.store.CaseFiles;
import no.budstikke.store.DispatchGaps;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.Transaction;
import no.budstikke.store.Transactions;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dispatch decides many events in one transaction and keeps every guarantee it gives one by one.
 * The hub's dispatch timer is stopped; each test dispatches through a DispatchService made of the
 * hub's own stores and listeners, plus listeners that watch (or break) the dispatch.
 */
class DispatchGroupsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aGroupWithOnePoisonedEventDispatchesTheOthersAndMarksOnlyItFailed(Kind kind) throws Exception {
        try (TestHub hub = startStopped(kind)) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 5; i++) keys.add(post(hub, arrival(i)));
            String poisoned = keys.get(2);
            Map<String, Integer> calls = new ConcurrentHashMap<>();
            DispatchListener counting = (tx, d) -> calls.merge(d.key(), 1, Integer::sum);
            DispatchListener poison = (tx, d) -> {
                if (d.key().equals(poisoned)) throw new IllegalStateException("this event cannot be decided");
            };

            int dispatched = service(hub, 50, counting, poison).dispatchPending(100);

            assertThat(dispatched).isEqualTo(4);
            for (String key : keys) {
                if (key.equals(poisoned)) {
                    assertThat(status(hub, key)).isEqualTo("DISPATCH_FAILED");
                    assertThat(count(hub, "SELECT COUNT(*) FROM notice WHERE event_key = ?", key)).isZero();
                } else {
                    assertThat(status(hub, key)).isEqualTo("DISPATCHED");
                    assertThat(count(hub, "SELECT COUNT(*) FROM notice WHERE event_key = ?", key)).isPositive();
                }
            }
            // The group was decided up to the poisoned event, rolled back, and then each event went alone.
            assertThat(calls).containsEntry(keys.get(0), 2).containsEntry(keys.get(1), 2).containsEntry(poisoned, 2)
                    .containsEntry(keys.get(3), 1).containsEntry(keys.get(4), 1);
            assertThat(count(hub, "SELECT COUNT(*) FROM case_file WHERE duf_number = ?", duf(2))).isZero();
            assertThat(count(hub, "SELECT COUNT(*) FROM case_file WHERE duf_number = ?", duf(0))).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoEventsOfOneCaseInOneGroupAreDecidedInOrderSoTheReturnTellsExactlyTheOfficesToldOfTheDisappearance(Kind kind)
            throws Exception {
        try (TestHub hub = startStopped(kind)) {
            String missingKey = post(hub, Fixtures.example("missing"));
            String other = post(hub, arrival(0));
            String returnedKey = post(hub, Fixtures.example("returned"));
            Map<String, Transaction> transactionOf = new ConcurrentHashMap<>();
            DispatchListener watching = (tx, d) -> transactionOf.put(d.key(), tx);

            assertThat(service(hub, 50, watching).dispatchPending(100)).isEqualTo(3);

            assertThat(transactionOf.get(missingKey)).as("one transaction for the group")
                    .isSameAs(transactionOf.get(returnedKey)).isSameAs(transactionOf.get(other));
            Set<String> told = offices(hub, missingKey, Set.of("O20", "O21", "O22", "O23", "O24"));
            assertThat(told).contains("POLICE_DISTRICT police-oslo", "BARNEVERN barnevern-oslo", "UDI_REGIONAL udi-region-ost");
            assertThat(offices(hub, returnedKey, Set.of("O25"))).isEqualTo(told);
            JsonNode file = caseFile(hub, "201912345678");
            assertThat(file.path("openEpisodes")).isEmpty();
            assertThat(file.path("lastReturnKey").asText()).isEqualTo(returnedKey);
            // The return closed a disappearance the hub knew of: no alert for a return without one.
            assertThat(count(hub, "SELECT COUNT(*) FROM alert WHERE event_key = ?", returnedKey)).isZero();
        }
    }

    @Test
    void aCrashInTheMiddleOfAGroupLeavesAllItsEventsReceivedWithNothingWrittenAndTheyAreDispatchedAfter() throws Exception {
        try (TestHub hub = startStopped(Kind.POSTGRES)) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 5; i++) keys.add(post(hub, arrival(i)));
            List<String> decided = new ArrayList<>();
            DispatchListener crashing = (tx, d) -> {
                decided.add(d.key());
                if (decided.size() == 3) throw new Crash();
            };

            assertThatThrownBy(() -> service(hub, 50, crashing).dispatchPending(100)).isInstanceOf(Crash.class);

            assertThat(decided).hasSize(3);
            for (int i = 0; i < keys.size(); i++) {
                assertThat(status(hub, keys.get(i))).isEqualTo("RECEIVED");
                assertThat(count(hub, "SELECT COUNT(*) FROM notice WHERE event_key = ?", keys.get(i))).isZero();
                assertThat(count(hub, "SELECT COUNT(*) FROM case_file WHERE duf_number = ?", duf(i))).isZero();
                assertThat(count(hub, "SELECT COUNT(*) FROM deadline_run WHERE event_key = ?", keys.get(i))).isZero();
            }

            assertThat(hub.bean("dispatchService", DispatchService.class).dispatchPending(100)).isEqualTo(5);
            for (int i = 0; i < keys.size(); i++) {
                assertThat(status(hub, keys.get(i))).isEqualTo("DISPATCHED");
                assertThat(count(hub, "SELECT COUNT(*) FROM case_file WHERE duf_number = ?", duf(i))).isEqualTo(1);
            }
        }
    }

    @Test
    void aFullBatchIsFollowedAtOnceByTheNextUntilFewerThanABatchWait() throws Exception {
        try (TestHub hub = startStopped(Kind.H2)) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 7; i++) keys.add(post(hub, arrival(i)));

            assertThat(service(hub, 2).dispatchPending(3)).isEqualTo(7);

            for (String key : keys) assertThat(status(hub, key)).isEqualTo("DISPATCHED");
        }
    }

    /** Stands for the process dying: no handler catches it. */
    private static final class Crash extends Error {
        Crash() {
            super("the process dies here");
        }
    }

    private TestHub startStopped(Kind kind) throws Exception {
        TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(kind, dir)));
        hub.context().getRouteController().stopRoute("dispatch");
        return hub;
    }

    /** The hub's dispatch, with its own stores and listeners, deciding {@code groupSize} events a transaction, and {@code extra} listeners after. */
    private static DispatchService service(TestHub hub, int groupSize, DispatchListener... extra) {
        Alerts alerts = hub.bean("alerts", Alerts.class);
        NoticeStore notices = hub.bean("noticeStore", NoticeStore.class);
        DispatchGaps gaps = hub.bean("dispatchGaps", DispatchGaps.class);
        LiveConfig live = hub.bean("liveConfig", LiveConfig.class);
        List<DispatchListener> listeners = new ArrayList<>(List.of(new UnmatchedReturns(alerts), new UnresolvedRecipients(alerts),
                new TertialReport(notices, gaps), hub.bean("deadlineTracker", DeadlineTracker.class)));
        listeners.addAll(List.of(extra));
        return new DispatchService(hub.bean("transactions", Transactions.class),
                () -> new DispatchService.Deciding(live.current().hash(), live.current().dispatcher()), notices, gaps,
                hub.bean("caseFiles", CaseFiles.class), hub.bean("hubClock", Clock.class), listeners,
                hub.bean("otherCentreHolds", OtherCentreHolds.class), groupSize);
    }

    private static String duf(int i) {
        return "2026110000" + String.format("%02d", i);
    }

    /** An arrival of a case of its own. */
    private static ObjectNode arrival(int i) {
        ObjectNode e = Fixtures.example("arrived");
        Fixtures.set(e, "/id", "groups-arrival-" + i);
        Fixtures.set(e, "/data/person/dufNumber", duf(i));
        return e;
    }

    private static String post(TestHub hub, JsonNode event) throws Exception {
        String key = event.path("source").asText().equals("urn:no:udi:duf") ? TestHub.DUF_KEY : TestHub.ALL_CENTRES_KEY;
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(event), key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("key").asText();
    }

    /** "ROLE officeId" of each of the event's notices under {@code duties}. */
    private static Set<String> offices(TestHub hub, String eventKey, Set<String> duties) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT duty, role, office_id FROM notice WHERE event_key = ?")) {
            ps.setString(1, eventKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) if (duties.contains(rs.getString(1))) out.add(rs.getString(2) + " " + rs.getString(3));
            }
        }
        return out;
    }

    private static JsonNode caseFile(TestHub hub, String dufNumber) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT state FROM case_file WHERE duf_number = ?")) {
            ps.setString(1, dufNumber);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a case file").isTrue();
                return JSON.readTree(rs.getString(1));
            }
        }
    }

    private static String status(TestHub hub, String eventKey) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status FROM inbound_event WHERE event_key = ?")) {
            ps.setString(1, eventKey);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a stored event").isTrue();
                return rs.getString(1);
            }
        }
    }

    private static long count(TestHub hub, String sql, String value) throws Exception {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
