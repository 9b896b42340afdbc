package no.budstikke.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.budstikke.testing.RawHttp;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management port as a probe, an operator and a stranger see it: the probes open and bare,
 * everything else behind a key, the JVM's series in the metrics, and the port bound to loopback
 * unless told otherwise.
 */
class ManagementPortIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIVE = "/observe/health/live";
    private static final String READY = "/observe/health/ready";
    private static final String HEALTH = "/observe/health";
    private static final String METRICS = "/observe/metrics";

    /** One hub for the access rules: they change nothing in it. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Access {

        TestHub hub;

        @BeforeAll
        void start(@TempDir Path dir) {
            hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(TestDatabases.Kind.H2, dir)));
            // Readiness waits for every consumer's first poll.
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.getManagement(READY, null).statusCode() == 200);
        }

        @AfterAll
        void stop() {
            hub.close();
        }

        @Test
        void probesAnswerWithoutAKeyAndSayOnlyUpOrDown() throws IOException {
            for (String probe : List.of(LIVE, READY, LIVE + "?exposureLevel=full&data=true", READY + "?exposureLevel=full&stackTrace=true")) {
                HttpResponse<String> r = hub.getManagement(probe, null);
                assertThat(r.statusCode()).as(probe + ": " + r.body()).isEqualTo(200);
                assertThat(JSON.readTree(r.body())).as(probe).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));
            }
            // A key that may not read the port is no key to a probe: still only the status.
            HttpResponse<String> centre = hub.getManagement(READY + "?exposureLevel=full", TestHub.CENTRE_0301_KEY);
            assertThat(JSON.readTree(centre.body())).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));
        }

        @Test
        void probesAskedWithAKeyShowTheChecks() throws IOException {
            for (String key : List.of(TestHub.OPS_BASIC_KEY, TestHub.METRICS_KEY)) {
                HttpResponse<String> r = hub.getManagement(READY + "?exposureLevel=full", key);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(names(JSON.readTree(r.body()).path("checks"))).as(key).contains("database");
            }
        }

        @Test
        void detailedHealthAndMetricsAnswer401WithoutAKeyAndRevealNothing() {
            for (String path : List.of(HEALTH, HEALTH + "?exposureLevel=full", METRICS, "/observe/info", "/observe/health/",
                    "/observe/health/live/", "/", "/q/send")) {
                for (String key : java.util.Arrays.asList(null, "not-a-key")) {
                    HttpResponse<String> r = hub.getManagement(path, key);
                    assertThat(r.statusCode()).as(path + " with " + key).isEqualTo(401);
                    assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Bearer realm=\"budstikke\"");
                    assertThat(r.body()).as(path).doesNotContain("database", "delivery", "jvm_", "camel", "UP", "DOWN");
                }
            }
        }

        @Test
        void aKeyWithoutTheRightIsForbidden() {
            HttpResponse<String> r = hub.getManagement(METRICS, TestHub.CENTRE_0301_KEY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
            assertThat(r.body()).doesNotContain("jvm_", "camel_");
        }

        @Test
        void pathsThatOnlyNormaliseToAProbeNeedAKey() throws IOException {
            for (String path : List.of("/observe/health/live/../../metrics", "/observe//metrics", "/observe/health/ready/..",
                    "/observe/health/live/%2e%2e/%2e%2e/metrics")) {
                try (RawHttp raw = RawHttp.open(hub.managementUri("/"))) {
                    raw.send("GET " + path + " HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n");
                    RawHttp.Response r = raw.read();
                    assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(401);
                    assertThat(r.body()).as(path).doesNotContain("jvm_", "database");
                }
            }
        }

        @Test
        void aKeySentTwiceCountsAsNone() throws IOException {
            try (RawHttp raw = RawHttp.open(hub.managementUri("/"))) {
                raw.send("GET /observe/metrics HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " + TestHub.METRICS_KEY
                        + "\r\nAuthorization: Bearer " + TestHub.METRICS_KEY + "\r\nConnection: close\r\n\r\n");
                assertThat(raw.read().status()).isEqualTo(401);
            }
        }

        @Test
        void opsAndMetricsKeysReadTheDetailedHealthAndTheMetrics() throws IOException {
            for (String key : List.of(TestHub.OPS_KEY, TestHub.OPS_BASIC_KEY, TestHub.METRICS_KEY)) {
                HttpResponse<String> health = hub.getManagement(HEALTH, key);
                assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
                assertThat(names(JSON.readTree(health.body()).path("checks"))).as(key).contains("database", "delivery");
                HttpResponse<String> metrics = hub.getManagement(METRICS, key);
                assertThat(metrics.statusCode()).as(key).isEqualTo(200);
                assertThat(metrics.body()).as(key).contains("budstikke_");
            }
        }

        @Test
        void theMetricsShowTheJvm() {
            String metrics = hub.getManagement(METRICS, TestHub.METRICS_KEY).body();
            for (String series : List.of("jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_gc_", "jvm_threads_live_threads",
                    "jvm_classes_loaded_classes", "process_cpu_usage", "system_cpu_count", "process_uptime_seconds")) {
                assertThat(metrics).as(series).contains(series);
            }
        }

        @Test
        void theMetricsRoleOpensNothingOfTheOpsApi() {
            HttpResponse<String> r = hub.get("/api/v1/alerts", TestHub.METRICS_KEY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
            assertThat(hub.get("/api/v1/alerts", TestHub.OPS_BASIC_KEY).statusCode()).as("the control").isEqualTo(200);
        }
    }

    /** The address the port listens on. */
    @Nested
    class Binding {

        @TempDir
        Path dir;

        @Test
        void theProductionProfileListensOnLoopbackUnlessTold() throws IOException {
            Map<String, String> settings = production(TestHub.defaults(dir, TestDatabases.freshUrl(TestDatabases.Kind.POSTGRES, dir)));
            settings.remove("camel.management.host"); // as deployed: the hub's own default decides
            try (TestHub hub = TestHub.start(settings)) {
                assertThat(hub.context().hasService(ManagementHttpServer.class).getHost()).isEqualTo("127.0.0.1");
                assertThat(reachable(hub.managementUri("/").getPort(), InetAddress.getLoopbackAddress())).isTrue();
                Optional<InetAddress> outside = nonLoopbackAddress();
                if (outside.isPresent()) {
                    assertThat(reachable(hub.managementUri("/").getPort(), outside.get())).as("on " + outside.get()).isFalse();
                }
            }
        }

        @Test
        void aHostOfAllAddressesIsReachableFromOutsideLoopback() throws IOException {
            Map<String, String> settings = TestHub.defaults(dir, TestDatabases.freshUrl(TestDatabases.Kind.H2, dir));
            settings.remove("camel.management.host");
            settings.put("budstikke.management.host", "0.0.0.0");
            try (TestHub hub = TestHub.start(settings)) {
                assertThat(hub.context().hasService(ManagementHttpServer.class).getHost()).isEqualTo("0.0.0.0");
                Optional<InetAddress> outside = nonLoopbackAddress();
                if (outside.isPresent()) {
                    assertThat(reachable(hub.managementUri("/").getPort(), outside.get())).as("on " + outside.get()).isTrue();
                }
            }
        }

        private static Map<String, String> production(Map<String, String> settings) {
            settings.put("budstikke.profile", "production");
            settings.put("budstikke.delivery.sandbox", "false");
            settings.put("budstikke.ops.mailbox", "Drift <drift@hub.test>");
            settings.put("budstikke.intake.file.sources", "none");
            return settings;
        }
    }

    private static List<String> names(JsonNode checks) {
        List<String> names = new java.util.ArrayList<>();
        checks.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    private static boolean reachable(int port, InetAddress address) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

    /** An address of this machine other than loopback, if it has one that is up. */
    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
