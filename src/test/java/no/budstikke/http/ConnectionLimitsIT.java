package no.budstikke.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                try (Raw slow = Raw.open(port)) {
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
                try (Raw silent = Raw.open(port)) {
                    long start = System.nanoTime();
                    assertThat(silent.closedWithin(BOUND)).as("silent socket on " + port + " closed").isTrue();
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800), Duration.ofMillis(5000));
                }
            }
            try (Raw keepAlive = Raw.open(hub.managementUri("/"))) {
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
            List<Raw> held = new ArrayList<>();
            try {
                for (int i = 0; i < cap; i++) {
                    Raw r = Raw.open(live);
                    held.add(r);
                    r.send("GET /observe/health/live HTTP/1.1\r\nHost: hub\r\n\r\n");
                    assertThat(r.readStatus()).as("connection " + (i + 1) + " of " + cap).isEqualTo(200);
                }
                try (Raw surplus = Raw.open(live)) {
                    surplus.trySend("GET /observe/health/live HTTP/1.1\r\nHost: hub\r\n\r\n");
                    assertThat(surplus.closedWithin(BOUND)).as("connection " + (cap + 1) + " refused").isTrue();
                }
                held.remove(0).close();
                await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    try (Raw again = Raw.open(live)) {
                        again.send("GET /observe/health/live HTTP/1.1\r\nHost: hub\r\n\r\n");
                        assertThat(again.readStatus()).isEqualTo(200);
                    }
                });
                // The intake port counts its own connections: the held ones do not block it.
                try (Raw intake = Raw.open(hub.uri("/"))) {
                    intake.send("GET /api/v1/quarantine HTTP/1.1\r\nHost: hub\r\n\r\n");
                    assertThat(intake.readStatus()).isEqualTo(401);
                }
            } finally {
                for (Raw r : held) r.close();
            }
        }
    }

    private TestHub start(Map<String, String> limits) {
        Map<String, String> p = TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir));
        p.putAll(limits);
        return TestHub.start(p);
    }

    /** One plain TCP connection speaking HTTP/1.1 by hand. */
    private static final class Raw implements AutoCloseable {
        private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");
        private final Socket socket;

        private Raw(Socket socket) {
            this.socket = socket;
        }

        static Raw open(URI port) throws IOException {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(port.getHost(), port.getPort()), 5000);
            return new Raw(s);
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }

        /** False when the server has closed the connection. */
        boolean trySend(String text) {
            try {
                send(text);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** True when the server closes the connection within {@code limit}; data it sends is read and dropped. */
        boolean closedWithin(Duration limit) throws IOException {
            long end = System.nanoTime() + limit.toNanos();
            InputStream in = socket.getInputStream();
            while (System.nanoTime() < end) {
                socket.setSoTimeout((int) Math.max(1, Math.min(200, (end - System.nanoTime()) / 1_000_000)));
                try {
                    if (in.read() < 0) return true;
                } catch (SocketTimeoutException e) {
                    // still open
                } catch (IOException e) {
                    return true; // reset by the server
                }
            }
            return false;
        }

        /** Reads one response (head and Content-Length body) and returns its status code. */
        int readStatus() throws IOException {
            socket.setSoTimeout((int) BOUND.toMillis());
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) throw new IOException("closed before a full answer");
                head.write(b);
            }
            String text = head.toString(StandardCharsets.US_ASCII);
            Matcher length = CONTENT_LENGTH.matcher(text);
            if (length.find()) in.readNBytes(Integer.parseInt(length.group(1)));
            return Integer.parseInt(text.substring(9, 12));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
