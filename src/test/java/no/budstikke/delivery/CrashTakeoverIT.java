package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.Office;
import no.budstikke.model.Priority;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;
import no.budstikke.store.Database;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.Transactions;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hub in a child JVM claims notices to an office that holds every request, keeps them past
 * several leases, and is killed with SIGKILL. Its restart, or another instance that was running
 * all along, delivers every one of them within the takeover time, each once and with its own id,
 * and while the first hub lived nobody else sent any of them. Default lease settings throughout.
 */
class CrashTakeoverIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STARTED = "hub started at ";
    /**
     * As many as the 4 senders of a hub, to one office allowed all of them: a hub claims only what its
     * free senders take, so every notice it holds is being sent.
     */
    private static final int NOTICES = 4;
    private static final int SENDERS = 4;
    /** The first hub holds its notices this long, more than two leases of the default 6 s. */
    private static final Duration HELD = Duration.ofSeconds(15);
    /** Issue 13: work of an instance that died is taken over within 10 s of its death. */
    private static final Duration TAKEOVER = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private final Map<Process, Path> logs = new HashMap<>();
    private HoldingOffice office;
    private TestHub running;

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        if (running != null) running.close();
        if (office != null) office.stop();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aRestartedHubDeliversTheNoticesItsKilledSelfHeld(Kind kind) throws Exception {
        String url = TestDatabases.freshUrl(kind, dir);
        Map<String, String> settings = settings(dir.resolve("data"), url);
        Set<String> ids = seed(url, settings);

        Process first = child(settings, "first");
        awaitHeld(first);
        Instant death = kill(first);
        Instant restarted = Instant.now();
        Process second = child(settings, "restarted");
        office.answer();

        Instant last = awaitDelivered(ids, Duration.ofSeconds(60), second);
        Duration takeover = Duration.between(death, last);
        Instant ready = started(second);
        System.out.printf("takeover on %s by a restarted hub: %d ms after the kill; the restart, begun %d ms after it, was ready after"
                + " %d ms and delivered the last notice %d ms later%n", kind, takeover.toMillis(), Duration.between(death, restarted).toMillis(),
                Duration.between(death, ready).toMillis(), Duration.between(ready, last).toMillis());
        assertOnceEachWithItsOwnId(ids);
        // Within 10 s of the death, unless starting the JVM and the hub took longer than that (a start
        // is not the lease's to shorten): then at its first polls, since the lease has run out by then.
        Instant bound = ready.plus(Duration.ofSeconds(5)).isAfter(death.plus(TAKEOVER)) ? ready.plus(Duration.ofSeconds(5)) : death.plus(TAKEOVER);
        assertThat(last).as("the restarted hub's takeover").isBefore(bound);

        second.destroy(); // a clean stop, so the database can be read
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertAllDeliveredOnceInTheJournal(url, settings);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void anotherRunningHubDeliversTheNoticesOfOneThatWasKilledWithinTenSeconds() throws Exception {
        String url = TestDatabases.freshUrl(Kind.POSTGRES, dir);
        Map<String, String> settings = settings(dir.resolve("data-1"), url);
        Set<String> ids = seed(url, settings);

        Process first = child(settings, "first");
        Instant claimed = awaitFirstRequests(first);
        running = TestHub.start(settings(dir.resolve("data-2"), url));
        // Held past two leases, and the other hub polls for more than a lease of it.
        Instant other = Instant.now().plus(Duration.ofSeconds(8));
        awaitUntil(other.isAfter(claimed.plus(HELD)) ? other : claimed.plus(HELD), first);
        assertThat(office.requests()).as("the running hub sent none of the notices the first one holds").hasSize(SENDERS);
        assertThat(statuses(url, settings).values()).as("each still held by the first hub's first attempt")
                .hasSize(NOTICES).containsOnly("SENDING 1");

        Instant death = kill(first);
        office.answer();

        Instant last = awaitDelivered(ids, TAKEOVER.plus(Duration.ofSeconds(20)), null);
        Duration takeover = Duration.between(death, last);
        System.out.printf("takeover on POSTGRES by a running hub: %d ms after the kill%n", takeover.toMillis());
        assertOnceEachWithItsOwnId(ids);
        assertThat(takeover).as("work of a dead instance is taken over within 10 s of its death").isLessThan(TAKEOVER);
        assertAllDeliveredOnceInTheJournal(url, settings);
    }

    // --- the steps ----------------------------------------------------------------------------

    private Map<String, String> settings(Path dataDir, String url) throws IOException {
        office = office == null ? HoldingOffice.start() : office;
        Map<String, String> p = TestHub.defaults(dataDir, url);
        p.put("budstikke.delivery.sandbox", "false");
        p.put("budstikke.delivery.concurrency", String.valueOf(SENDERS));
        p.put("budstikke.delivery.max-senders-per-office", String.valueOf(SENDERS));
        return p;
    }

    /** The notices, written before any hub runs (the embedded database is one process's at a time). */
    private Set<String> seed(String url, Map<String, String> settings) throws Exception {
        Set<String> ids = new TreeSet<>();
        try (Database db = Database.open(url, null, null, Path.of(settings.get("budstikke.data.dir")), 2)) {
            Transactions transactions = new Transactions(db.dataSource());
            NoticeStore notices = new NoticeStore(transactions, Clock.systemUTC(), new NoticeDocument("test"));
            String eventKey = event(db);
            Office police = new Office("police-crash", Role.POLICE_DISTRICT, "police-crash", Channel.HTTP, office.address(),
                    new Serves(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of()), false);
            JsonNode event = JSON.createObjectNode().put("source", "urn:test").put("id", eventKey).put("type", "t").put("time", "x");
            for (int i = 0; i < NOTICES; i++) {
                Notice n = new Notice("O" + (21 + i), false, "kind", Priority.URGENT, police, "purpose", "basis",
                        JsonNodeFactory.instance.objectNode(), List.of(), List.of());
                ids.add(transactions.inTransaction(tx -> notices.insert(tx, eventKey, event, n)));
            }
        }
        assertThat(ids).hasSize(NOTICES);
        return ids;
    }

    private static String event(Database db) throws Exception {
        String key = no.budstikke.intake.EventKey.of("urn:test", "crash");
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inbound_event (event_key, source, event_id, type, event_time, received_at, channel, origin,
                                           duf_number, payload_sha256, payload, status, status_changed_at)
                VALUES (?, 'urn:test', 'crash', 'no.udi.mot.resident.missing.v1', ?, ?, 'http', 'test', NULL, 'x', '{}', 'DISPATCHED', ?)""")) {
            OffsetDateTime t = OffsetDateTime.now();
            ps.setString(1, key);
            ps.setObject(2, t);
            ps.setObject(3, t);
            ps.setObject(4, t);
            ps.executeUpdate();
        }
        return key;
    }

    private Process child(Map<String, String> settings, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", classPath(), Instance.class.getName()));
        settings.forEach((k, v) -> command.add(k + "=" + v));
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(p);
        logs.put(p, log);
        return p;
    }

    /**
     * The test JVM's class path without empty entries: an empty one is the working folder, where
     * {@code routes/} would be found a second time beside the jar's.
     */
    private static String classPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.isBlank()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** The first requests reach the office: the child claimed the notices and its senders are held. */
    private Instant awaitFirstRequests(Process child) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertAlive(child);
            return office.requests().size() >= SENDERS;
        });
        return Instant.now();
    }

    private void awaitHeld(Process child) throws Exception {
        awaitUntil(awaitFirstRequests(child).plus(HELD), child);
        assertThat(office.requests()).as("one request per sender, nothing sent twice").hasSize(SENDERS)
                .extracting(Request::key).doesNotHaveDuplicates();
    }

    private void awaitUntil(Instant until, Process child) throws InterruptedException {
        while (Instant.now().isBefore(until)) {
            assertAlive(child);
            Thread.sleep(100);
        }
    }

    private void assertAlive(Process child) {
        assertThat(child.isAlive()).as("the child hub runs; its log: " + log(child)).isTrue();
    }

    /** SIGKILL on Linux: no shutdown hook, no clean stop, the leases are left as they are. */
    private static Instant kill(Process child) throws InterruptedException {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Instant.now();
    }

    /** Waits until each notice was answered with a 2xx; returns when the last one was. */
    private Instant awaitDelivered(Set<String> ids, Duration atMost, Process child) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (child != null) assertAlive(child);
            return office.answered().keySet().containsAll(ids);
        });
        return office.answered().values().stream().max(Instant::compareTo).orElseThrow();
    }

    private void assertOnceEachWithItsOwnId(Set<String> ids) {
        List<String> answered = office.requests().stream().filter(Request::answered).map(Request::key).toList();
        assertThat(answered).as("each notice delivered once, with its own id as the idempotency key")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(office.requests()).as("the held requests of the killed hub, then one each from the taker")
                .hasSize(SENDERS + NOTICES);
    }

    private void assertAllDeliveredOnceInTheJournal(String url, Map<String, String> settings) throws Exception {
        // The office answered; the hub records the outcome right after.
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses(url, settings).values().stream().allMatch("DELIVERED 2"::equals));
        assertThat(statuses(url, settings).values()).hasSize(NOTICES).containsOnly("DELIVERED 2");
        try (Database db = Database.open(url, null, null, Path.of(settings.get("budstikke.data.dir")), 2);
             Connection c = db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT outcome, count(*) FROM delivery_attempt GROUP BY outcome")) {
            Map<String, Integer> outcomes = new HashMap<>();
            while (rs.next()) outcomes.put(rs.getString(1), rs.getInt(2));
            assertThat(outcomes).as("the killed attempts left no outcome").isEqualTo(Map.of("DELIVERED", NOTICES));
        }
    }

    /** Each notice's status and attempt number, as "SENDING 1". */
    private static Map<String, String> statuses(String url, Map<String, String> settings) throws Exception {
        Map<String, String> s = new LinkedHashMap<>();
        try (Database db = Database.open(url, null, null, Path.of(settings.get("budstikke.data.dir")), 2);
             Connection c = db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT notice_id, status, attempts FROM notice ORDER BY notice_id")) {
            while (rs.next()) s.put(rs.getString(1), rs.getString(2) + " " + rs.getInt(3));
        }
        return s;
    }

    /** When the child hub said it had started. */
    private Instant started(Process child) throws IOException {
        String line = Files.readAllLines(logs.get(child)).stream().filter(l -> l.startsWith(STARTED)).findFirst().orElseThrow();
        return Instant.ofEpochMilli(Long.parseLong(line.substring(STARTED.length()).trim()));
    }

    private String log(Process child) {
        try {
            String text = Files.readString(logs.get(child));
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(unreadable)";

        }
    }

    // --- the hub in a child JVM, and the office ------------------------------------------------

    /** A hub started with the settings given as key=value arguments, running until it is killed or stopped. */
    public static final class Instance {
        public static void main(String[] args) throws Exception {
            Map<String, String> settings = new LinkedHashMap<>();
            for (String a : args) {
                int eq = a.indexOf('=');
                settings.put(a.substring(0, eq), a.substring(eq + 1));
            }
            TestHub hub = TestHub.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(hub::close));
            System.out.println(STARTED + System.currentTimeMillis());
            Thread.currentThread().join();
        }
    }

    /** One request as the office saw it: the notice's id, and whether the office answered it with 201. */
    record Request(String key, Instant at, boolean answered) {
    }

    /**
     * An HTTP office that holds every request (as one that answers very slowly) until told to
     * answer; from then on it answers each at once with 201. Held requests are never answered.
     */
    static final class HoldingOffice {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final CountDownLatch answering = new CountDownLatch(1);
        private final List<Request> requests = new CopyOnWriteArrayList<>();

        private HoldingOffice(HttpServer server) {
            this.server = server;
        }

        static HoldingOffice start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            HoldingOffice office = new HoldingOffice(server);
            server.createContext("/police", office::handle);
            server.setExecutor(office.threads);
            server.start();
            return office;
        }

        String address() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/police";
        }

        private void handle(HttpExchange exchange) throws IOException {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            exchange.getRequestBody().readAllBytes();
            if (answering.getCount() > 0) {
                requests.add(new Request(key, Instant.now(), false));
                try {
                    answering.await(); // until its sender is gone
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            requests.add(new Request(key, Instant.now(), true));
        }

        void answer() {
            answering.countDown();
        }

        List<Request> requests() {
            return List.copyOf(requests);
        }

        /** The ids answered with 201, with when. */
        Map<String, Instant> answered() {
            Map<String, Instant> m = new HashMap<>();
            for (Request r : requests) {
                if (r.answered()) m.merge(r.key(), r.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
            return m;
        }

        void stop() {
            answer();
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
