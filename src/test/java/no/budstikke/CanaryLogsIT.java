package no.budstikke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.budstikke.dispatch.config.ContractFields;
import no.budstikke.dispatch.stage.DispatchService;
import no.budstikke.store.EventState;
import no.budstikke.store.EventStore;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example event, with each value the sender writes freely (names, ids, free text, phone
 * numbers, e-mail addresses, DUF and national numbers) replaced by a canary of its own, goes
 * through the real hub: intake, dispatch (including recipients that cannot be resolved from the
 * canaries) and delivery. Then no canary may appear anywhere in the log output. Which fields
 * count is read from the contract's schemas, so a new field is covered without editing this test.
 */
class CanaryLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The README's examples, and one valid event of every type in the contract. */
    private static final Path EXAMPLES = Path.of("examples/events");
    private static final Path VALID = Path.of("src/test/resources/events/valid");
    private static final Pattern DIGITS = Pattern.compile("\\^\\[0-9\\]\\{(\\d+)\\}\\$");

    @TempDir
    Path dir;

    private final List<String> canaries = new ArrayList<>();

    @Test
    void noCanaryOfAnyExampleEventReachesTheLogsThroughIntakeDispatchAndDelivery() throws IOException {
        Map<String, ObjectNode> events = canaryEvents();
        try (LogCapture capture = LogCapture.attach()) {
            try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)))) {
                Map<String, String> keys = new LinkedHashMap<>();
                for (Map.Entry<String, ObjectNode> e : events.entrySet()) {
                    HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json",
                            JSON.writeValueAsBytes(e.getValue()), senderKey(e.getValue()));
                    assertThat(r.statusCode()).as(e.getKey() + ": " + r.body()).isEqualTo(202);
                    keys.put(e.getKey(), JSON.readTree(r.body()).path("key").asText());
                }
                EventStore store = hub.bean("eventStore", EventStore.class);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                        keys.forEach((name, key) -> assertThat(store.status(key).orElseThrow().status())
                                .as(name).isEqualTo(EventState.DISPATCHED)));
                // Delivery to the sandbox ran too: its folder has notices.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    try (Stream<Path> files = Files.walk(dir.resolve("sandbox"))) {
                        assertThat(files.filter(Files::isRegularFile).count()).isGreaterThan(events.size());
                    }
                });
            }
            String log = capture.all();
            // The capture saw every stage, and a recipient that the canaries left unresolved.
            assertThat(log).contains("intake channel=http events=1 stored=1", "dispatch event key=", "unresolved, fallback=");
            assertThat(canaries).hasSizeGreaterThan(100);
            List<String> leaked = canaries.stream().filter(c -> appearsIn(log, c)).toList();
            assertThat(leaked).as("canaries found in the log output").isEmpty();
        }
    }

    /** Every example under a fresh id, each free value replaced by a canary. */
    private Map<String, ObjectNode> canaryEvents() throws IOException {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        try (Stream<Path> top = Files.list(EXAMPLES); Stream<Path> valid = Files.list(VALID)) {
            for (Path p : Stream.concat(top, valid).filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                ObjectNode e = (ObjectNode) JSON.readTree(p.toFile());
                e.put("id", e.path("id").asText() + "-canary");
                String type = e.path("type").asText();
                JsonNode centreId = e.at("/data/centre/id");
                replace(type, e.get("data"), "/data");
                // A centre speaks only for itself: its id stays the one its source is bound to.
                if (centreId.isTextual()) ((ObjectNode) e.at("/data/centre")).put("id", centreId.asText());
                out.put(p.getFileName().toString(), e);
            }
        }
        assertThat(out).hasSizeGreaterThan(20);
        return out;
    }

    private void replace(String type, JsonNode node, String path) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = o.get(name);
                String childPath = path + "/" + name;
                if (child.isTextual()) {
                    canaryFor(ContractFields.get().field(type, childPath)).ifPresent(c -> o.put(name, c));
                } else {
                    replace(type, child, childPath);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode child = a.get(i);
                if (child.isTextual()) {
                    int at = i;
                    canaryFor(ContractFields.get().field(type, path + "/*")).ifPresent(c -> a.set(at, a.textNode(c)));
                } else {
                    replace(type, child, path + "/*");
                }
            }
        }
    }

    /**
     * A canary for a field the sender fills freely, shaped to pass the contract; none for codes
     * (enums, country and language codes), dates and times, which carry nothing personal.
     */
    private java.util.Optional<String> canaryFor(JsonNode schema) {
        if (schema == null || schema.has("enum") || schema.has("const")) return java.util.Optional.empty();
        int n = canaries.size() + 1;
        String format = schema.path("format").asText("");
        String pattern = schema.path("pattern").asText("");
        String canary;
        String shown;
        if (!pattern.isEmpty()) {
            Matcher digits = DIGITS.matcher(pattern);
            if (!digits.matches() || Integer.parseInt(digits.group(1)) < 8) return java.util.Optional.empty();
            int length = Integer.parseInt(digits.group(1));
            String number = "59" + String.format("%0" + (length - 2) + "d", 3_170_000 + n);
            canary = number;
            shown = number;
        } else if (format.equals("email")) {
            shown = "kanari" + n + "x";
            canary = shown + "@example.org";
        } else if (format.isEmpty() && schema.path("type").asText("string").equals("string")) {
            canary = "Kanari" + n + "q";
            shown = canary;
        } else {
            return java.util.Optional.empty();
        }
        canaries.add(shown);
        return java.util.Optional.of(canary);
    }

    private static boolean appearsIn(String text, String value) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}])").matcher(text).find();
    }

    private static String senderKey(JsonNode event) {
        return event.path("source").asText().equals("urn:no:udi:duf") ? TestHub.DUF_KEY : TestHub.ALL_CENTRES_KEY;
    }
}
