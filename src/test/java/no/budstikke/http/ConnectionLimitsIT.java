package no.budstikke.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.budstikke.testing.RawHttp;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow, idle and surplus connections are closed on both HTTP ports, with raw sockets against the
 * real hub. Small limits keep each case to a few seconds; every wait is bounded.
 */
class ConnectionLimitsIT {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aSlowlorisSocketIsClosedOnBothPortsWhileItsHeadersNeverEnd() throws IOException {
        try (TestHub hub = start(Map.of("budstikke.http.header-timeout-ms", "1000", "budstikke.http.idle-timeout-ms", "60000"))) {
            for (URI port : List.of(hub.uri("/"), hub.managementUri("/"))) {
                try (RawHttp slow = RawHttp.open(port)) {
                    slow.send("POST /api/v1/events HTTP/1.1\r\nHost: hub\r\n");
                    long start = System.nanoTime();
                    // A header line every 200 ms: never idle, never finished.
                    boolean closed = false;
                    for (int i = 0; !closed && Duration.ofNanos(System.nanoTime() - start).compareTo(BOUND) < 0; i++) {
                        closed = !slow.trySend("X-Slow-" + i + ": x\r\n") || slow.closedWithin(Duration.ofMillis(200));
                    }
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertThat(closed).as("slowloris socket on " + port + " closed").isTrue();
                    // Within two header timeouts (a period that saw no request start), not at once.
                    assertThat(took).isBetween(Duration.ofMillis(800), Duration.ofMillis(4000));
                }
            }
        }
    }

    @Test
    void anIdleSocketIsClosedAfterTheIdleTimeoutBeforeAndAfterARequest() throws IOException {
        try (TestHub hub = start(Map.of("budstikke.http.header-timeout-ms", "60000", "budstikke.http.idle-timeout-ms", "1000"))) {
            for (URI port : List.of(hub.uri("/"), hub.managementUri("/"))) {
                try (RawHttp silent = RawHttp.open(port)) {
                    long start = System.nanoTime();
                    assertThat(silent.closedWithin(BOUND)).as("silent socket on " + port + " closed").isTrue();
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800), Duration.ofMillis(5000));
                }
            }
            try (RawHttp keepAlive = RawHttp.open(hub.managementUri("/"))) {
                keepAlive.send("GET /observe/health/live HTTP/1.1\r\nHost: hub\r\n\r\n");
                assertThat(keepAlive.readStatus()).isEqualTo(200);
                assertThat(keepAlive.closedWithin(BOUND)).as("idle keep-alive socket closed").isTrue();
            }
        }
    }

    @Test
    void aClientBeyondItsConnectionCapIsRefusedAndAdmittedOnceOneCloses() throws IOException {
        int cap = 4;
        try (TestHub hub = start(Map.of("budstikke.http.max-connections-per-client", Integer.toString(cap),
                "budstikke.http.header-timeout-ms", "30000", "budstikke.http.idle-timeout-ms", "30000"))) {
            URI live = hub.managementUri("/");
            List<RawHttp> held = new ArrayList<>();
            try {
                for (int i = 0; i < cap; i++) {
                    RawHttp r = RawHttp.open(live);
                    held.add(r);
                    r.send("GET /observe/health/live HTTP/1.1\r\nHost: hub\r\n\r\n");
                    assertThat(r.readStatus()).as("connection " + (i + 1) + " of " + cap).isEqualTo(200);
                }
                try (RawHttp surplus = RawHttp.open(live)) {
                    surplus.trySend("GET /observe/health/live HTTP/1.1\r\nHost: hub\r\n\r\n");
                    assertThat(surplus.closedWithin(BOUND)).as("connection " + (cap + 1) + " refused").isTrue();
                }
                held.remove(0).close();
                await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    try (RawHttp again = RawHttp.open(live)) {
                        again.send("GET /observe/health/live HTTP/1.1\r\nHost: hub\r\n\r\n");
                        assertThat(again.readStatus()).isEqualTo(200);
                    }
                });
                // The intake port counts its own connections: the held ones do not block it.
                try (RawHttp intake = RawHttp.open(hub.uri("/"))) {
                    intake.send("GET /api/v1/quarantine HTTP/1.1\r\nHost: hub\r\n\r\n");
                    assertThat(intake.readStatus()).isEqualTo(401);
                }
            } finally {
                for (RawHttp r : held) r.close();
            }
        }
    }

    private TestHub start(Map<String, String> limits) {
        Map<String, String> p = TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir));
        p.putAll(limits);
        return TestHub.start(p);
    }
}
