package no.budstikke.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.budstikke.dispatch.stage.DispatchService;
import no.budstikke.store.EventState;
import no.budstikke.store.EventStore;
import no.budstikke.store.HeldEvents;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Everything the hub acknowledged is still there after a restart on the same data folder and
 * database: stored events keep their status, repeats are still recognised, and quarantine
 * entries keep their reason and raw bytes.
 */
class RestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("examples/events");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void acknowledgedEventsAndQuarantineEntriesSurviveARestart(Kind kind) {
        Map<String, String> settings = TestHub.defaults(dir, TestDatabases.freshUrl(kind, dir));
        List<Path> examples = examples();
        Map<Path, String> keys = new LinkedHashMap<>();
        Map<Long, byte[]> quarantined = new LinkedHashMap<>();
        long storedBefore;
        JsonNode quarantineBefore;

        try (TestHub hub = TestHub.start(settings)) {
            for (Path example : examples) {
                HttpResponse<String> r = post(hub, read(example), senderKey(example));
                assertThat(r.statusCode()).as(example + ": " + r.body()).isEqualTo(202);
                JsonNode body = json(r.body());
                assertThat(body.path("outcome").asText()).as(example.toString()).isEqualTo("stored");
                keys.put(example, body.path("key").asText());
            }
            for (byte[] bad : rejectedInputs()) {
                HttpResponse<String> r = post(hub, bad, TestHub.ALL_CENTRES_KEY);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
                long id = json(r.body()).path("quarantineId").asLong(-1);
                assertThat(id).as(r.body()).isPositive();
                quarantined.put(id, bad);
            }
            storedBefore = hub.bean("eventStore", EventStore.class).count();
            assertThat(storedBefore).isEqualTo(examples.size());
            quarantineBefore = quarantineList(hub);
        }

        try (TestHub restarted = TestHub.start(settings)) {
            for (Map.Entry<Path, String> stored : keys.entrySet()) {
                HttpResponse<String> status = restarted.get("/api/v1/events/" + stored.getValue(), TestHub.OPS_KEY);
                assertThat(status.statusCode()).as(stored.getKey() + ": " + status.body()).isEqualTo(200);
                JsonNode s = json(status.body());
                assertThat(s.path("key").asText()).isEqualTo(stored.getValue());
                // An example from one centre about another centre's resident may be held for ops: stored all the same.
                assertThat(s.path("status").asText()).isIn(EventState.RECEIVED.name(), EventState.DISPATCHED.name(), EventState.HELD.name());
                assertThat(s.path("id").asText()).isEqualTo(json(read(stored.getKey())).path("id").asText());
            }
            for (Path example : examples) {
                HttpResponse<String> again = post(restarted, read(example), senderKey(example));
                assertThat(again.statusCode()).as(example + ": " + again.body()).isEqualTo(202);
                JsonNode body = json(again.body());
                assertThat(body.path("outcome").asText()).as(example.toString()).isEqualTo("duplicate");
                assertThat(body.path("key").asText()).isEqualTo(keys.get(example));
            }
            assertThat(restarted.bean("eventStore", EventStore.class).count()).isEqualTo(storedBefore);

            assertThat(quarantineList(restarted)).isEqualTo(quarantineBefore);
            for (Map.Entry<Long, byte[]> entry : quarantined.entrySet()) {
                HttpResponse<String> r = restarted.get("/api/v1/quarantine/" + entry.getKey(), TestHub.OPS_KEY);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode q = json(r.body());
                assertThat(q.path("reason").asText()).isIn("UNREADABLE", "CONTRACT_VIOLATION");
                assertThat(q.path("violations").size()).isPositive();
                assertThat(Base64.getDecoder().decode(q.path("rawBase64").asText())).isEqualTo(entry.getValue());
            }
        }
    }

    /** The six shared examples and the minimal valid event of every type. */
    private static List<Path> examples() {
        try (Stream<Path> top = Files.list(EVENTS); Stream<Path> valid = Files.list(Path.of("src/test/resources/events/valid"))) {
            List<Path> all = new ArrayList<>();
            Stream.concat(top, valid).filter(p -> p.toString().endsWith(".json")).sorted().forEach(all::add);
            assertThat(all).hasSizeGreaterThanOrEqualTo(27);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One input per kind of rejection that is quarantined: broken contract, unreadable JSON. */
    private static List<byte[]> rejectedInputs() {
        byte[] missing = read(EVENTS.resolve("missing.json"));
        String withoutData = new String(missing, StandardCharsets.UTF_8).replaceAll("(?s),\\s*\"data\".*", "\n}");
        return List.of(withoutData.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(missing, missing.length / 2));
    }

    private static HttpResponse<String> post(TestHub hub, byte[] body, String key) {
        return hub.post("/api/v1/events", "application/cloudevents+json", body, key);
    }

    private static String senderKey(Path example) {
        return json(read(example)).path("source").asText().equals("urn:no:udi:duf") ? TestHub.DUF_KEY : TestHub.ALL_CENTRES_KEY;
    }

    private static JsonNode quarantineList(TestHub hub) {
        HttpResponse<String> r = hub.get("/api/v1/quarantine?limit=500", TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode entries = json(r.body()).path("entries");
        assertThat(entries.size()).isEqualTo(2);
        return entries;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        return json(text.getBytes(StandardCharsets.UTF_8));
    }
}
