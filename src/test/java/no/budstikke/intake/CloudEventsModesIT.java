package no.budstikke.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 5: the official CloudEvents SDK as the client, in each of its HTTP content modes.
 * Binary mode (the SDK's default: {@code ce-*} headers, the data as the body), structured mode and
 * a batch are all taken, and held to the same contract; any other media type is refused with a 415
 * that names the modes.
 */
class CloudEventsModesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void binaryModeIsTakenAndStoredExactlyAsItsStructuredTwin() throws Exception {
        CloudEvent event = cloudEvent(example("binary-0001"));
        Sent binary = binary(event);
        HttpResponse<String> r = send(binary, TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String key = JSON.readTree(r.body()).path("key").asText();
        assertThat(binary.headers()).containsKeys("ce-id", "ce-source", "ce-type", "ce-specversion");

        // The same event in structured mode is a repeat of the stored one, with the same content.
        try (LogCapture log = LogCapture.attach()) {
            HttpResponse<String> again = send(structured(event), TestHub.ALL_CENTRES_KEY);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
            assertThat(JSON.readTree(again.body()).path("key").asText()).isEqualTo(key);
            assertThat(JSON.readTree(again.body()).path("outcome").asText()).isEqualTo("duplicate");
            assertThat(log.all()).doesNotContain("different content");
        }
        JsonNode status = JSON.readTree(hub.get("/api/v1/events/" + key, TestHub.OPS_KEY).body());
        assertThat(status.path("type").asText()).isEqualTo("no.udi.mot.resident.missing.v1");
    }

    @Test
    void structuredModeAndABatchAreTaken() throws Exception {
        HttpResponse<String> one = send(structured(cloudEvent(example("structured-0001"))), TestHub.ALL_CENTRES_KEY);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(202);

        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        JsonFormat format = new JsonFormat();
        batch.write('[');
        batch.write(format.serialize(cloudEvent(example("batch-0001"))));
        batch.write(',');
        batch.write(format.serialize(cloudEvent(example("batch-0002"))));
        batch.write(']');
        HttpResponse<String> r = send(new Sent(Map.of("Content-Type", "application/cloudevents-batch+json"), batch.toByteArray()),
                TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(JSON.readTree(r.body()).path("results")).hasSize(2)
                .allSatisfy(e -> assertThat(e.path("outcome").asText()).isEqualTo("stored"));
    }

    @Test
    void binaryModeMeetsTheSameContract() throws Exception {
        ObjectNode bad = example("binary-bad-0001");
        Fixtures.set(bad, "/data/centre/municipalityNumber", "301");
        HttpResponse<String> r = send(binary(cloudEvent(bad)), TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("violations").toString()).contains("/data/centre/municipalityNumber");
        assertThat(problem.path("quarantineId").asLong()).isPositive();

        // A binary-mode event for a source the key does not own is refused like a structured one.
        HttpResponse<String> forbidden = send(binary(cloudEvent(example("binary-forbidden-0001"))), TestHub.DUF_KEY);
        assertThat(forbidden.statusCode()).as(forbidden.body()).isEqualTo(403);
    }

    @Test
    void binaryHeadersThatCannotBeReadAreABadRequest() throws Exception {
        Sent binary = binary(cloudEvent(example("binary-broken-0001")));
        Map<String, String> headers = new LinkedHashMap<>(binary.headers());
        headers.put("ce-id", "broken-%E2%28"); // not UTF-8 once decoded
        HttpResponse<String> r = send(new Sent(headers, binary.body()), TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("ce-id", "percent-encoded");
    }

    @Test
    void otherMediaTypesGetA415ThatNamesTheModes() throws Exception {
        HttpResponse<String> xml = send(new Sent(Map.of("Content-Type", "application/xml"), "<event/>".getBytes(StandardCharsets.UTF_8)),
                TestHub.ALL_CENTRES_KEY);
        assertThat(xml.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(xml.body()).path("detail").asText())
                .contains("structured mode (application/cloudevents+json)", "(application/cloudevents-batch+json)", "binary mode");

        Sent binary = binary(cloudEvent(example("binary-text-0001")));
        Map<String, String> headers = new LinkedHashMap<>(binary.headers());
        headers.put("Content-Type", "text/plain");
        HttpResponse<String> text = send(new Sent(headers, binary.body()), TestHub.ALL_CENTRES_KEY);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(text.body()).path("detail").asText()).contains("in binary mode the body is the event's data");
    }

    private record Sent(Map<String, String> headers, byte[] body) {
    }

    private static Sent binary(CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = new byte[1][];
        HttpMessageFactory.createWriter(headers::put, b -> body[0] = b).writeBinary(event);
        return new Sent(headers, body[0]);
    }

    private static Sent structured(CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = new byte[1][];
        HttpMessageFactory.createWriter(headers::put, b -> body[0] = b).writeStructured(event, new JsonFormat());
        return new Sent(headers, body[0]);
    }

    private static HttpResponse<String> send(Sent sent, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.uri("/api/v1/events").toString()))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(sent.body()))
                .header("Authorization", "Bearer " + key);
        sent.headers().forEach(b::header);
        return hub.send(b.build());
    }

    private static ObjectNode example(String id) {
        ObjectNode e = Fixtures.resource("events/missing.json");
        Fixtures.set(e, "/id", id);
        return e;
    }

    /** The example as the SDK builds it: attributes from the envelope, the data as JSON bytes. */
    private static CloudEvent cloudEvent(ObjectNode e) throws Exception {
        return CloudEventBuilder.v1()
                .withId(e.path("id").asText())
                .withSource(URI.create(e.path("source").asText()))
                .withType(e.path("type").asText())
                .withTime(OffsetDateTime.parse(e.path("time").asText()))
                .withDataContentType("application/json")
                .withData(JSON.writeValueAsBytes(e.path("data")))
                .build();
    }
}
