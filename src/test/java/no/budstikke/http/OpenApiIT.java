package no.budstikke.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static no.budstikke.testing.TestJson.bytes;
import static no.budstikke.testing.TestJson.freshNode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI description the hub serves at {@code /api/openapi.json}, generated from the REST DSL,
 * against the hub's real answers: every answer below is one the description names for its operation,
 * with the status, the media type and (where it states one) the schema it gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    static final String SINGLE = "application/cloudevents+json";
    /** Every operation of the API, as "METHOD path": the description must hold them all, and no other. */
    static final Set<String> OPERATIONS = Set.of(
            "POST /api/v1/events", "GET /api/v1/events/{key}", "POST /api/v1/events/{key}/release",
            "POST /api/v1/events/{key}/reject", "GET /api/v1/quarantine", "GET /api/v1/quarantine/{id}",
            "GET /api/v1/notices", "GET /api/v1/notices/{id}", "POST /api/v1/notices/{id}/replay",
            "POST /api/v1/notices/{id}/cancel", "POST /api/v1/offices/{officeId}/replay", "GET /api/v1/journal/events/{key}",
            "POST /api/v1/journal/case", "GET /api/v1/gaps", "POST /api/v1/gaps/{id}/replay", "GET /api/v1/tasks",
            "POST /api/v1/tasks/{id}/ack", "GET /api/v1/alerts", "POST /api/v1/alerts/{id}/ack", "POST /api/v1/cases/state",
            "GET /api/v1/deadlines", "GET /api/v1/config", "POST /api/v1/config/reload", "POST /api/v1/erasure");

    private TestHub hub;
    private JsonNode description;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)));
        HttpResponse<String> doc = hub.get("/api/openapi.json", null);
        assertThat(doc.statusCode()).isEqualTo(200);
        description = JSON.readTree(doc.body());
        Files.writeString(Path.of("target", "openapi.json"), doc.body(), UTF_8);
    }

    @AfterAll
    void stop() {
        if (hub != null) hub.close();
    }

    @Test
    void describesEveryOperationWithTheRoleItNeeds() {
        Set<String> described = new TreeSet<>();
        description.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            described.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            JsonNode roles = op.getValue().at("/security/0/bearer");
            assertThat(roles.isArray() && roles.size() == 1).as("one role for %s %s", op.getKey(), path.getKey()).isTrue();
            assertThat(roles.get(0).asText()).isIn("caller", "ops");
        }));
        assertThat(described).isEqualTo(new TreeSet<>(OPERATIONS));
        assertThat(description.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void intakeAnswersAsDescribed() {
        HttpResponse<String> stored = valid(hub.post("/api/v1/events", SINGLE, bytes(freshNode("missing")), TestHub.CENTRE_0301_KEY));
        assertThat(stored.statusCode()).isEqualTo(202);
        String key = tree(stored).path("key").asText();
        assertThat(valid(hub.get("/api/v1/events/" + key, TestHub.CENTRE_0301_KEY)).statusCode()).isEqualTo(200);
        assertThat(valid(hub.get("/api/v1/events/" + "0".repeat(32), TestHub.CENTRE_0301_KEY)).statusCode()).isEqualTo(404);
        assertThat(valid(hub.post("/api/v1/events", SINGLE, bytes(freshNode("missing")), null)).statusCode()).isEqualTo(401);
        assertThat(valid(hub.post("/api/v1/events", "text/plain", "x".getBytes(UTF_8), TestHub.CENTRE_0301_KEY)).statusCode())
                .isEqualTo(415);
        assertThat(valid(hub.post("/api/v1/events", SINGLE, "{".getBytes(UTF_8), TestHub.CENTRE_0301_KEY)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aStatedShapeIsChecked() {
        JsonNode status = operation("GET", hub.uri("/api/v1/events/" + "0".repeat(32)));
        assertThat(problems(status, 200, "application/json", "{\"key\": \"k\"}")).isNotEmpty();
        JsonNode config = operation("GET", hub.uri("/api/v1/config"));
        assertThat(problems(config, 200, "application/json", "{\"version\": 7, \"loadedAt\": \"now\"}")).isNotEmpty();
    }

    @Test
    void opsViewsAnswerAsDescribed() {
        for (String path : new String[] {"/api/v1/notices", "/api/v1/quarantine", "/api/v1/tasks", "/api/v1/alerts", "/api/v1/gaps",
                "/api/v1/deadlines", "/api/v1/config"}) {
            assertThat(valid(hub.get(path, TestHub.OPS_KEY)).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(valid(hub.get("/api/v1/notices?limit=0", TestHub.OPS_KEY)).statusCode()).isEqualTo(400);
        assertThat(valid(hub.get("/api/v1/notices/no-such-notice", TestHub.OPS_KEY)).statusCode()).isEqualTo(404);
        assertThat(valid(hub.get("/api/v1/quarantine/999999", TestHub.OPS_KEY)).statusCode()).isEqualTo(404);
    }

    @Test
    void refusalsAnswerAsDescribed() {
        assertThat(valid(hub.get("/api/v1/notices", null)).statusCode()).isEqualTo(401);
        assertThat(valid(hub.get("/api/v1/notices", "no-such-key")).statusCode()).isEqualTo(401);
        assertThat(valid(hub.get("/api/v1/notices", TestHub.CENTRE_0301_KEY)).statusCode()).isEqualTo(403);
        assertThat(valid(hub.post("/api/v1/erasure", "application/json", "{}".getBytes(UTF_8), TestHub.CENTRE_0301_KEY))
                .statusCode()).isEqualTo(403);
        assertThat(valid(hub.post("/api/v1/cases/state", "application/json", "{}".getBytes(UTF_8), TestHub.OPS_KEY)).statusCode())
                .isEqualTo(400);
        assertThat(valid(hub.post("/api/v1/notices/no-such-notice/replay", "application/json", new byte[0], TestHub.OPS_KEY))
                .statusCode()).isEqualTo(404);
        assertThat(valid(hub.post("/api/v1/tasks/no-such-task/ack", "application/json", new byte[0], TestHub.OPS_KEY))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void anAnswerOffTheDescriptionFailsTheCheck() {
        HttpResponse<String> conflict = hub.get("/api/v1/config", TestHub.OPS_KEY);
        JsonNode op = operation("GET", conflict.uri());
        assertThat(op.path("responses").has("418")).isFalse();
        assertThat(problems(op, 418, "application/json", conflict.body())).isNotEmpty();
        JsonNode refused = operation("GET", hub.uri("/api/v1/notices"));
        assertThat(problems(refused, 401, "application/problem+json", "{\"title\": \"no type, status or detail\"}")).isNotEmpty();
        assertThat(problems(refused, 401, "text/html", "{}")).isNotEmpty();
    }

    /** The answer, once checked against its operation in the description. */
    private HttpResponse<String> valid(HttpResponse<String> answer) {
        JsonNode op = operation(answer.request().method(), answer.uri());
        String type = answer.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        assertThat(problems(op, answer.statusCode(), type, answer.body()))
                .as("%s %s answered %d %s", answer.request().method(), answer.uri().getPath(), answer.statusCode(), answer.body())
                .isEmpty();
        return answer;
    }

    /** What in this answer the description does not allow: an undescribed status or media type, or a body off its schema. */
    private Set<String> problems(JsonNode op, int status, String type, String body) {
        Set<String> found = new TreeSet<>();
        JsonNode response = op.path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            found.add("status " + status + " is not described");
            return found;
        }
        // An answer the REST DSL gives no model (the success answers) is described without content: JSON all the same.
        JsonNode content = response.path("content");
        JsonNode media = content.isMissingNode() && type.equals("application/json") ? JSON.createObjectNode() : content.path(type);
        if (media.isMissingNode()) {
            found.add("media type " + type + " is not described for " + status);
            return found;
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (Exception e) {
            found.add("the body is not JSON");
            return found;
        }
        JsonNode schema = resolve(media.path("schema"));
        if (!schema.isMissingNode()) {
            SCHEMAS.getSchema(schema).validate(parsed).forEach(m -> found.add(m.getMessage()));
        }
        return found;
    }

    /** The schema with the description's components beside it, so its references ({@code #/components/...}) resolve. */
    private JsonNode resolve(JsonNode schema) {
        if (schema.isMissingNode()) return schema;
        ObjectNode root = schema.deepCopy();
        root.set("components", description.path("components"));
        return root;
    }

    /** The operation whose path template matches {@code uri}'s path. */
    private JsonNode operation(String method, URI uri) {
        for (Iterator<Map.Entry<String, JsonNode>> it = description.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (uri.getPath().matches(path.getKey().replaceAll("\\{[^}]+}", "[^/]+"))) {
                JsonNode op = path.getValue().path(method.toLowerCase(Locale.ROOT));
                if (!op.isMissingNode()) return op;
            }
        }
        throw new AssertionError(method + " " + uri.getPath() + " is not described");
    }

    private static JsonNode tree(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON", e);
        }
    }
}
