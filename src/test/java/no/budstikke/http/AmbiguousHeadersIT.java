package no.budstikke.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import no.budstikke.store.EventStore;
import no.budstikke.store.QuarantineStore;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.RawHttp;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A credential or media type sent twice is refused with 400 ambiguous-header, on intake and on
 * the ops API, instead of being read by its first value. Raw sockets, since HTTP clients merge
 * or refuse repeated headers.
 */
class AmbiguousHeadersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CE = "application/cloudevents+json";

    @TempDir
    static Path dir;

    private static TestHub hub;
    private static byte[] event;

    @BeforeAll
    static void start() throws IOException {
        hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)));
        event = Files.readAllBytes(Path.of("examples/events/missing.json"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void twoCredentialsOnIntakeAreRefusedAndNothingIsStoredOrQuarantined() throws IOException {
        long stored = hub.bean("eventStore", EventStore.class).count();
        int quarantined = quarantined();
        try (LogCapture log = LogCapture.attach()) {
            RawHttp.Response r = post("Authorization: Bearer " + TestHub.OPS_KEY + "\r\nAuthorization: Bearer "
                    + TestHub.ALL_CENTRES_KEY + "\r\nContent-Type: " + CE + "\r\n");
            assertAmbiguous(r, "Authorization");
            assertThat(log.all()).contains("refused: the request has more than one 'Authorization' header")
                    .doesNotContain(TestHub.OPS_KEY, TestHub.ALL_CENTRES_KEY);
        }
        assertThat(hub.bean("eventStore", EventStore.class).count()).isEqualTo(stored);
        assertThat(quarantined()).isEqualTo(quarantined);
    }

    @Test
    void twoMediaTypesAreRefusedEvenWhenBothWouldBeAccepted() throws IOException {
        long stored = hub.bean("eventStore", EventStore.class).count();
        RawHttp.Response r = post("Authorization: Bearer " + TestHub.ALL_CENTRES_KEY + "\r\nContent-Type: " + CE
                + "\r\nContent-Type: application/json\r\n");
        assertAmbiguous(r, "Content-Type");
        assertThat(hub.bean("eventStore", EventStore.class).count()).isEqualTo(stored);
    }

    @Test
    void headerNamesDifferingOnlyInCaseAreTheSameHeader() throws IOException {
        RawHttp.Response r = post("authorization: Bearer " + TestHub.ALL_CENTRES_KEY + "\r\nAUTHORIZATION: Bearer "
                + TestHub.ALL_CENTRES_KEY + "\r\nContent-Type: " + CE + "\r\n");
        assertAmbiguous(r, "Authorization");
    }

    @Test
    void theOpsApiRefusesTwoCredentialsToo() throws IOException {
        try (RawHttp c = RawHttp.open(hub.uri("/"))) {
            c.send("GET /api/v1/quarantine HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " + TestHub.CENTRE_0301_KEY
                    + "\r\nAuthorization: Bearer " + TestHub.OPS_KEY + "\r\n\r\n");
            assertAmbiguous(c.read(), "Authorization");
        }
    }

    @Test
    void oneOfEachIsStillAccepted() throws IOException {
        RawHttp.Response r = post("Authorization: Bearer " + TestHub.ALL_CENTRES_KEY + "\r\nContent-Type: " + CE + "\r\n");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
    }

    private static void assertAmbiguous(RawHttp.Response r, String header) throws IOException {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.head()).containsIgnoringCase("content-type: application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("type").asText()).endsWith("/ambiguous-header");
        assertThat(p.path("status").asInt()).isEqualTo(400);
        assertThat(p.path("detail").asText()).contains("'" + header + "'");
        assertThat(r.body()).doesNotContain(TestHub.OPS_KEY, TestHub.ALL_CENTRES_KEY, TestHub.CENTRE_0301_KEY);
    }

    private static RawHttp.Response post(String headers) throws IOException {
        try (RawHttp c = RawHttp.open(hub.uri("/"))) {
            c.send("POST /api/v1/events HTTP/1.1\r\nHost: hub\r\n" + headers + "Content-Length: " + event.length
                    + "\r\nConnection: close\r\n\r\n");
            c.send(event);
            return c.read();
        }
    }

    private static int quarantined() {
        return hub.bean("quarantineStore", QuarantineStore.class).list(500, null).size();
    }
}
