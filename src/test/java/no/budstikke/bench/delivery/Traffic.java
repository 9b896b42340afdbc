package no.budstikke.bench.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import no.budstikke.testing.TestHub;

/**
 * The events the benchmark posts (templates from examples/events, each a person of its own), under ids
 * unique per run and database, and waiting until their notices are delivered.
 */
final class Traffic {

    private static final String SINGLE = "application/cloudevents+json";
    private static final Path EVENTS_DIR = Path.of("examples/events");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ObjectNode> templates = eventTemplates();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final int k;
    private final Duration e2eDeadline;
    private String currentDb = "";
    private final AtomicLong dufCounter = new AtomicLong(System.currentTimeMillis() % 1_000_000L * 1_000_000L);
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Traffic(DeliverySettings settings) throws IOException {
        this.k = settings.k;
        this.e2eDeadline = settings.e2eDeadline;
    }

    /** The database the next events are posted to: part of their ids. */
    void onDatabase(String db) {
        currentDb = db;
    }

    HttpClient client() {
        return client;
    }

    /** A missing resident at a Bergen centre (URGENT; HTTP, SFTP and mail) and a leave application (HIGH; all three). */
    private static List<ObjectNode> eventTemplates() throws IOException {
        ObjectNode missing = (ObjectNode) JSON.readTree(EVENTS_DIR.resolve("missing.json").toFile());
        ObjectNode arrived = (ObjectNode) JSON.readTree(EVENTS_DIR.resolve("arrived.json").toFile());
        // Bergen: the police district Vest takes its notices by SFTP, UDI region Vest by HTTP, child welfare by mail.
        missing.put("source", arrived.path("source").asText());
        ((ObjectNode) missing.path("data")).set("centre", arrived.path("data").path("centre").deepCopy());
        ObjectNode leave = (ObjectNode) JSON.readTree(EVENTS_DIR.resolve("leave-applied.json").toFile());
        return List.of(missing, leave);
    }

    ObjectNode event(String phase, int i) {
        ObjectNode e = templates.get(i % templates.size()).deepCopy();
        e.put("id", eventIdPrefix(phase) + i);
        // A person of its own: dispatch reads the case's earlier events by DUF number, and two
        // people with thousands of events each would make that, not delivery, the cost.
        ((ObjectNode) e.path("data").path("person")).put("dufNumber", String.format("%012d", dufCounter.incrementAndGet()));
        return e;
    }

    /** Unique per run and database: notice ids, and so SFTP file names, derive from (source, id). */
    String eventIdPrefix(String phase) {
        return "bench-" + runId + "-" + currentDb + "-" + phase + "-";
    }

    record Posted(int accepted, int non202, Map<String, AtomicInteger> failures, Stats latency) {
    }

    Posted postEvents(TestHub hub, String phase, int count) throws InterruptedException {
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) bodies.add(bytes(event(phase, i)));
        long[] latency = new long[count];
        Arrays.fill(latency, -1);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger non202 = new AtomicInteger();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + e2eDeadline.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        URI uri = hub.uri("/api/v1/events");
        for (int c = 0; c < k; c++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < count && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    String outcome;
                    try {
                        HttpResponse<String> r = client.send(request(uri, bodies.get(i)), HttpResponse.BodyHandlers.ofString());
                        outcome = r.statusCode() == 202 ? null : "HTTP " + r.statusCode();
                    } catch (IOException e) {
                        outcome = e.getClass().getSimpleName();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (outcome == null) {
                        latency[i] = System.nanoTime() - t0;
                    } else {
                        non202.incrementAndGet();
                        failures.computeIfAbsent(outcome, x -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(e2eDeadline.toSeconds() + 60, TimeUnit.SECONDS)) pool.shutdownNow();
        long[] ok = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
        return new Posted(ok.length, non202.get(), failures, new Stats(Arrays.stream(ok).mapToDouble(l -> l / 1e6).toArray()));
    }

    HttpResponse<String> postOne(TestHub hub, ObjectNode event) throws IOException, InterruptedException {
        return client.send(request(hub.uri("/api/v1/events"), bytes(event)), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(URI uri, byte[] body) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", SINGLE)
                .header("Authorization", "Bearer " + TestHub.ALL_CENTRES_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }
    record Drained(long total, long done, boolean complete) {
    }

    /** Waits until every event of the phase is dispatched and each of its notices is delivered (or dead). */
    Drained awaitDelivered(DataSource ds, String phase, int expectedEvents, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String prefix = eventIdPrefix(phase) + "%";
        long total = 0;
        long done = 0;
        while (true) {
            long stored;
            long undispatched;
            try (Connection c = ds.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*), SUM(CASE WHEN status = 'RECEIVED' THEN 1 ELSE 0 END) FROM inbound_event WHERE event_id LIKE ?")) {
                    ps.setString(1, prefix);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        stored = rs.getLong(1);
                        undispatched = rs.getLong(2);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT COUNT(*), SUM(CASE WHEN n.status IN ('DELIVERED', 'DEAD') THEN 1 ELSE 0 END)
                        FROM notice n JOIN inbound_event e ON e.event_key = n.event_key
                        WHERE e.event_id LIKE ? AND n.channel <> 'TASK'""")) {
                    ps.setString(1, prefix);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                        done = rs.getLong(2);
                    }
                }
            }
            if (stored >= expectedEvents && undispatched == 0 && done == total) return new Drained(total, done, true);
            if (System.nanoTime() > deadline) return new Drained(total, done, false);
            Thread.sleep(100);
        }
    }

    String httpTemplate(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT n.notice_id FROM notice n JOIN inbound_event e ON e.event_key = n.event_key
                WHERE e.event_id LIKE ? AND n.channel = 'HTTP' ORDER BY n.notice_id LIMIT 1""")) {
            ps.setString(1, "bench-" + runId + "-" + currentDb + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("no HTTP notice of a posted event to copy (warm-up=0 and no e2e part?)");
                return rs.getString(1);
            }
        }
    }

    /** A notice id of 32 characters: a tag, the run, and a counter. */
    String noticeId(String tag, long n) {
        String prefix = tag + runId;
        return prefix + String.format("%0" + (32 - prefix.length()) + "x", n);
    }

    private static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
