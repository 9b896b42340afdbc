package no.budstikke.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import no.budstikke.model.Channel;
import no.budstikke.model.Priority;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.Transactions;
import no.budstikke.testing.OutboxRows;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import no.budstikke.testing.TestOffices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An office that takes every request and never answers, with a backlog of 10,000 routine notices,
 * holds no more than its share of the hub's senders, and URGENT notices to other offices, written
 * after the backlog, are still delivered within seconds, as are routine notices to an
 * office that answers; on both databases.
 */
class LanesIT {

    private static final int BACKLOG = 10_000;
    private static final int URGENT = 10;
    private static final int ROUTINE_ELSEWHERE = 100;
    private static final int PER_OFFICE = 2;
    private static final Duration URGENT_BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private HangingOffice hanging;
    private WireMockServer answering;
    private TestHub hub;

    @AfterEach
    void stop() throws IOException {
        // The hanging office lets go first, so that the hub's stop does not wait for its answers.
        if (hanging != null) hanging.close();
        if (hub != null) hub.close();
        if (answering != null) answering.stop();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void urgentNoticesToOtherOfficesGoPromptlyWhileAHangingOfficeHoldsOnlyItsShareOfTheSenders(Kind kind) throws Exception {
        hanging = new HangingOffice();
        answering = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        answering.start();
        answering.stubFor(post(urlEqualTo("/office")).willReturn(aResponse().withStatus(201)));
        String answeringUrl = "http://127.0.0.1:" + answering.port() + "/office";

        Map<String, String> p = TestHub.defaults(dir.resolve("data"), TestDatabases.freshUrl(kind, dir));
        p.put("budstikke.config.dir", TestOffices.configFolder(dir.resolve("c"), answeringUrl, "sftp://budstikke@127.0.0.1:1").toString());
        p.put("budstikke.delivery.sandbox", "false");
        p.put("budstikke.delivery.poll-ms", "100");
        p.put("budstikke.delivery.concurrency", "8");
        p.put("budstikke.delivery.max-senders-per-office", String.valueOf(PER_OFFICE));
        p.put("budstikke.delivery.urgent-senders", "1");
        // Far beyond the test: the hanging office keeps its senders for as long as it runs.
        p.put("budstikke.delivery.http.read-timeout-ms", "600000");
        hub = TestHub.start(p);
        DataSource ds = hub.bean("dataSource", DataSource.class);
        OutboxRows rows = new OutboxRows(ds, Clock.systemUTC(), hub.bean("transactions", Transactions.class),
                hub.bean("noticeStore", NoticeStore.class));
        String event = rows.event("lanes");

        String template = rows.notice(event, "O1", "police-hanging", Priority.NORMAL, Channel.HTTP, hanging.url());
        copies(ds, kind, template, BACKLOG - 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> hanging.open() == PER_OFFICE);

        List<String> routine = new ArrayList<>();
        for (int i = 0; i < ROUTINE_ELSEWHERE; i++) routine.add(rows.notice(event, "O2-" + i, "police-answering", Priority.NORMAL, Channel.HTTP, answeringUrl));
        long start = System.nanoTime();
        List<String> urgent = new ArrayList<>();
        for (int i = 0; i < URGENT; i++) {
            urgent.add(rows.notice(event, "O3-" + i, "child-welfare-" + (i % 3), Priority.URGENT, Channel.HTTP, answeringUrl));
        }

        Map<String, Long> deliveredMs = new ConcurrentHashMap<>();
        await().atMost(URGENT_BOUND).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            long now = (System.nanoTime() - start) / 1_000_000;
            statuses(ds, urgent).forEach((id, s) -> {
                if (s.equals("DELIVERED")) deliveredMs.putIfAbsent(id, now);
            });
            assertThat(deliveredMs).hasSize(URGENT);
        });
        long last = deliveredMs.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        await().atMost(Duration.ofSeconds(25)).until(() -> statuses(ds, routine).values().stream().allMatch("DELIVERED"::equals));
        long routineMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("lanes on %s: %d URGENT notices delivered within %d ms behind a hanging office's backlog of %d; %d routine "
                + "notices to an answering office within %d ms; the hanging office held at most %d senders%n", kind, URGENT, last, BACKLOG,
                ROUTINE_ELSEWHERE, routineMs, hanging.mostOpen());

        assertThat(hanging.mostOpen()).as("senders the hanging office held at once").isEqualTo(PER_OFFICE);
        assertThat(hanging.accepted()).as("no other sender went to the hanging office").isEqualTo(PER_OFFICE);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice WHERE office_id = 'police-hanging' AND status = 'SENDING'"))
                .as("the hanging office's notices in hand").isEqualTo(PER_OFFICE);
        assertThat(count(ds, "SELECT COUNT(*) FROM notice WHERE office_id = 'police-hanging' AND status = 'CREATED'"))
                .as("the rest of its backlog waits, unclaimed").isEqualTo(BACKLOG - PER_OFFICE);
        assertThat(answering.getAllServeEvents().stream().map(e -> e.getRequest().getHeader("Idempotency-Key")).toList())
                .as("each notice to the answering offices arrived once").doesNotHaveDuplicates().hasSize(URGENT + ROUTINE_ELSEWHERE);
    }

    // --- the rows ------------------------------------------------------------------------------

    /** {@code n} copies of a notice, each under an id of its own (32 characters, as the column takes), in one statement. */
    private static void copies(DataSource ds, Kind kind, String template, int n) throws Exception {
        try (Connection c = ds.getConnection()) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM notice WHERE 1 = 0")) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    columns.add(rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                }
            }
            assertThat(columns).contains("notice_id", "office_id", "status");
            String values = String.join(", ", columns.stream()
                    .map(col -> switch (col) {
                        case "notice_id" -> "LEFT(t.notice_id, 20) || LPAD(CAST(g.x AS VARCHAR(12)), 12, '0')";
                        // The template may be in hand already: each copy is new.
                        case "status" -> "'CREATED'";
                        case "attempts" -> "0";
                        case "lease_until" -> "NULL";
                        default -> "t." + col;
                    }).toList());
            String series = kind == Kind.POSTGRES ? "generate_series(1, ?) AS g(x)" : "SYSTEM_RANGE(1, ?) AS g(x)";
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notice (" + String.join(", ", columns) + ") SELECT " + values
                    + " FROM notice t CROSS JOIN " + series + " WHERE t.notice_id = ?")) {
                ps.setInt(1, n);
                ps.setString(2, template);
                assertThat(ps.executeUpdate()).isEqualTo(n);
            }
        }
    }

    private static Map<String, String> statuses(DataSource ds, List<String> ids) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT status FROM notice WHERE notice_id = ?")) {
            for (String id : ids) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.put(id, rs.getString(1));
                }
            }
        }
        return out;
    }

    private static int count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** An HTTP office that accepts every connection, reads what comes, and never answers. */
    static final class HangingOffice implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();

        HangingOffice() throws IOException {
            Thread acceptor = new Thread(this::accept, "hanging-office");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + listener.getLocalPort() + "/police";
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    sockets.add(s);
                    accepted.incrementAndGet();
                    most.accumulateAndGet(sockets.size(), Math::max);
                    Thread reader = new Thread(() -> readForever(s), "hanging-office-reader");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void readForever(Socket s) {
            byte[] buffer = new byte[8192];
            try (InputStream in = s.getInputStream()) {
                while (in.read(buffer) >= 0) {
                    // never answers
                }
            } catch (IOException e) {
                // closed
            } finally {
                sockets.remove(s);
            }
        }

        int open() {
            return sockets.size();
        }

        int mostOpen() {
            return most.get();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : sockets) s.close();
        }
    }
}
