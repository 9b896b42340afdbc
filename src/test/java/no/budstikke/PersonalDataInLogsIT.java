package no.budstikke;

import static no.budstikke.testing.InboxFiles.drop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.budstikke.store.EventStore;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example event, and invalid variants of them, through HTTP and the file drop with
 * all log output captured, then looks for each personal value of those events in the log text.
 * The values are collected by walking the events themselves, so a new example or field is
 * covered without editing this test.
 */
class PersonalDataInLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("examples/events");

    /** Fields under data.person that are codes, not personal values. */
    private static final Set<String> PERSON_CODES = Set.of("gender", "nationality", "languages");
    /** Blocks that describe another person: their name, phone, e-mail and birth date are personal. */
    private static final Set<String> OTHER_PEOPLE = Set.of("representative", "lawyer", "hosts", "contactPersons");
    private static final Set<String> OTHER_PEOPLE_FIELDS = Set.of("name", "phone", "email", "birthDate");
    private static final Set<String> ADDRESS_FIELDS = Set.of("street", "postTown");
    private static final Set<String> FREE_TEXT = Set.of("lastSeen", "circumstances", "description", "careSituation",
            "relationToHost", "specialNeeds", "healthNotes", "reason", "asylumRelevantInfo", "followUpNeeds",
            "mappingSummary", "actionPlan", "justification", "recommendation");

    /** Values the variants add that the field walk does not find (an unknown field, a non-UTF-8 name). */
    private static final String ALIAS = "Zahra Warsame-Osman";
    private static final String NAME_AS_FIELD = "Idil Warsame-Osman";
    private static final String LATIN1_GIVEN = "Søren";
    private static final String LATIN1_FAMILY = "Kvalsvik";
    private static final String UNKNOWN_KEY = "unknown-key-4f9a2c71d3";
    private static final String CONFLICTING_LAST_SEEN = "Seen near Grorud station with Yusuf Abdikadir.";

    @TempDir
    Path dir;

    @Test
    void noPersonalValueOfAnyExampleOrRejectedVariantReachesTheLogs() throws IOException {
        Map<String, ObjectNode> examples = examples();
        Set<String> personal = new TreeSet<>();
        examples.values().forEach(e -> collectPersonalValues(e, personal));

        Path inbox = dir.resolve("inbox");
        int storedExpected = 0;
        int goodFiles = 0;
        int badFiles = 0;

        try (LogCapture capture = LogCapture.attach()) {
            try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)))) {
                // Every example over HTTP: stored.
                for (ObjectNode e : examples.values()) {
                    expect(post(hub, "application/cloudevents+json", bytes(e), senderKey(e)), 202);
                    storedExpected++;
                }
                // Rejection paths over HTTP.
                for (Map.Entry<String, byte[]> bad : invalidVariants(examples, personal).entrySet()) {
                    expect(post(hub, "application/cloudevents+json", bad.getValue(), TestHub.ALL_CENTRES_KEY), 400);
                }
                ObjectNode duf = examples.get("case-decided-final-rejection.json");
                expect(post(hub, "application/cloudevents+json", bytes(duf), TestHub.CENTRE_0301_KEY), 403);
                ObjectNode conflicting = examples.get("missing.json").deepCopy();
                ((ObjectNode) conflicting.get("data")).put("lastSeen", CONFLICTING_LAST_SEEN);
                collectPersonalValues(conflicting, personal);
                expect(post(hub, "application/cloudevents+json", bytes(conflicting), TestHub.ALL_CENTRES_KEY), 202);
                ArrayNode mixed = JSON.createArrayNode();
                mixed.add(withId(examples.get("missing.json"), "-batch"));
                mixed.add(withDufNumber(examples.get("missing.json"), "-batch-bad"));
                expect(post(hub, "application/cloudevents-batch+json", bytes(mixed), TestHub.ALL_CENTRES_KEY), 207);
                storedExpected++;
                expect(post(hub, "application/cloudevents+json", bytes(examples.get("missing.json")), UNKNOWN_KEY), 401);
                expect(post(hub, "text/plain", bytes(examples.get("missing.json")), TestHub.ALL_CENTRES_KEY), 415);
                ArrayNode oversized = JSON.createArrayNode();
                int copies = 1024 * 1024 / bytes(examples.get("missing.json")).length + 1;
                for (int i = 0; i < copies; i++) oversized.add(examples.get("missing.json"));
                assertThat(bytes(oversized).length).isGreaterThan(1024 * 1024);
                expect(post(hub, "application/cloudevents-batch+json", bytes(oversized), TestHub.ALL_CENTRES_KEY), 413);

                // Every example as a dropped file, under ids of its own so that it is stored again.
                for (Map.Entry<String, ObjectNode> e : examples.entrySet()) {
                    drop(inbox, "good-" + e.getKey(), bytes(withId(e.getValue(), "-file")));
                    storedExpected++;
                    goodFiles++;
                }
                ArrayNode batchFile = JSON.createArrayNode();
                examples.values().forEach(e -> batchFile.add(withId(e, "-filebatch")));
                drop(inbox, "good-batch.json", bytes(batchFile));
                storedExpected += examples.size();
                goodFiles++;
                for (Map.Entry<String, byte[]> bad : invalidVariants(examples, personal).entrySet()) {
                    drop(inbox, "bad-" + bad.getKey() + ".json", bad.getValue());
                    badFiles++;
                }

                EventStore store = hub.bean("eventStore", EventStore.class);
                int stored = storedExpected;
                int good = goodFiles;
                int bad = badFiles;
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    assertThat(store.count()).isEqualTo(stored);
                    assertThat(count(inbox.resolve("done"), ".json")).isEqualTo(good);
                    assertThat(count(inbox.resolve("rejected"), ".error.json")).isEqualTo(bad);
                    assertThat(count(inbox.resolve("rejected"), ".json")).isEqualTo(2L * bad);
                });
            }

            String log = capture.all();
            // The capture works and saw the intake of both channels: otherwise the checks below prove nothing.
            assertThat(capture.lines()).hasSizeGreaterThan(20);
            assertThat(log).contains("intake channel=http events=1 stored=1 duplicate=0 rejected=0 forbidden=0");
            assertThat(log).contains("intake channel=file events=1 stored=1 duplicate=0 rejected=0 forbidden=0");
            assertThat(log).contains("intake channel=http input refused as UNREADABLE quarantined");
            assertThat(log).contains("intake channel=file input refused as UNREADABLE quarantined");
            assertThat(log).contains("repeated with different content");

            // The walk found what it should: names, DUF numbers, other people, addresses and free text.
            assertThat(personal).contains("Amina", "Hassan", "201912345678", "Kari Nordmann", "+4722334455",
                    "per.hansen@example.org", "Storgata 12", "Hamar", "Reza Ahmadi", "Mehret Tesfaye",
                    "Asthma; uses an inhaler daily.", "Christmas with his aunt's family.", ALIAS, NAME_AS_FIELD, LATIN1_FAMILY);
            assertThat(personal).doesNotContain("female", "SOM", "so", "C-0301-01");

            List<String> leaked = personal.stream().filter(v -> appearsIn(log, v)).toList();
            assertThat(leaked).as("personal values found in the log output").isEmpty();

            List<String> keys = List.of(TestHub.OPS_KEY, TestHub.CENTRE_0301_KEY, TestHub.DUF_KEY, TestHub.ALL_CENTRES_KEY,
                    UNKNOWN_KEY);
            assertThat(keys.stream().filter(log::contains).toList()).as("API keys found in the log output").isEmpty();
        }
    }

    /**
     * A value leaks when it appears as a whole word, or (for longer free text) when its opening
     * words do. Whole words, so that "Testa" is not found in a stack frame's "interceptTestableMethod".
     */
    private static boolean appearsIn(String text, String value) {
        String before = "(?<![\\p{L}\\p{N}])";
        String after = "(?![\\p{L}\\p{N}])";
        if (Pattern.compile(before + Pattern.quote(value) + after).matcher(text).find()) return true;
        return value.length() > 24 && Pattern.compile(before + Pattern.quote(value.substring(0, 16))).matcher(text).find();
    }

    /**
     * Bad inputs built from the examples, each still carrying personal data. Their extra personal
     * values are added to {@code personal}.
     */
    private static Map<String, byte[]> invalidVariants(Map<String, ObjectNode> examples, Set<String> personal) {
        Map<String, byte[]> variants = new LinkedHashMap<>();
        for (String name : List.of("missing.json", "moved-without-clearance.json", "leave-applied.json")) {
            ObjectNode badDuf = withDufNumber(examples.get(name), "-bad-duf");
            collectPersonalValues(badDuf, personal);
            variants.put("bad-duf-" + name.replace(".json", ""), bytes(badDuf));
        }

        ObjectNode unknownField = withId(examples.get("arrived.json"), "-unknown-field");
        ((ObjectNode) unknownField.at("/data/person")).put("aliasName", ALIAS);
        personal.add(ALIAS);
        variants.put("unknown-field", bytes(unknownField));

        // A sender's mistake that puts a person's name where a field name belongs.
        ObjectNode nameAsField = withId(examples.get("returned.json"), "-name-as-field");
        ((ObjectNode) nameAsField.at("/data/person")).put(NAME_AS_FIELD, "sister");
        personal.add(NAME_AS_FIELD);
        variants.put("name-as-field", bytes(nameAsField));

        byte[] full = bytes(withId(examples.get("missing.json"), "-truncated"));
        String text = new String(full, StandardCharsets.UTF_8);
        int cut = text.indexOf("\"birthDate\"");
        assertThat(cut).isPositive();
        byte[] truncated = Arrays.copyOf(full, text.substring(0, cut).getBytes(StandardCharsets.UTF_8).length);
        assertThat(new String(truncated, StandardCharsets.UTF_8)).contains("Amina", "Hassan", "201912345678");
        variants.put("truncated", truncated);

        ObjectNode latin1 = withId(examples.get("missing.json"), "-latin1");
        ((ObjectNode) latin1.at("/data/person")).put("givenName", LATIN1_GIVEN).put("familyName", LATIN1_FAMILY);
        collectPersonalValues(latin1, personal);
        variants.put("latin1", latin1.toString().getBytes(StandardCharsets.ISO_8859_1));
        return variants;
    }

    /** The personal values of one event (see the class comment for which fields count). */
    static void collectPersonalValues(JsonNode event, Set<String> out) {
        walk(event.path("data"), new ArrayList<>(), out);
        if (event.isArray()) event.forEach(e -> collectPersonalValues(e, out));
    }

    private static void walk(JsonNode node, List<String> path, Set<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                path.add(f.getKey());
                walk(f.getValue(), path, out);
                path.remove(path.size() - 1);
            });
        } else if (node.isArray()) {
            node.forEach(element -> walk(element, path, out));
        } else if (node.isTextual() && !path.isEmpty() && isPersonal(path)) {
            out.add(node.asText());
        }
    }

    private static boolean isPersonal(List<String> path) {
        String field = path.get(path.size() - 1);
        String parent = path.size() > 1 ? path.get(path.size() - 2) : "";
        if (path.contains("person")) return !PERSON_CODES.contains(field);
        if (OTHER_PEOPLE.contains(parent) && OTHER_PEOPLE_FIELDS.contains(field)) return true;
        return ADDRESS_FIELDS.contains(field) || FREE_TEXT.contains(field);
    }

    private static Map<String, ObjectNode> examples() throws IOException {
        Map<String, ObjectNode> all = new LinkedHashMap<>();
        try (Stream<Path> top = Files.list(EVENTS); Stream<Path> valid = Files.list(Path.of("src/test/resources/events/valid"))) {
            for (Path p : Stream.concat(top, valid).filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                all.put(p.getFileName().toString(), (ObjectNode) JSON.readTree(p.toFile()));
            }
        }
        assertThat(all).containsKeys("missing.json", "moved-without-clearance.json", "leave-applied.json",
                "arrived.json", "case-decided-final-rejection.json", "returned.json");
        return all;
    }

    private static ObjectNode withId(ObjectNode event, String suffix) {
        ObjectNode copy = event.deepCopy();
        copy.put("id", event.path("id").asText() + suffix);
        return copy;
    }

    /** A copy under a new id whose DUF number has a digit too many. */
    private static ObjectNode withDufNumber(ObjectNode event, String idSuffix) {
        ObjectNode copy = withId(event, idSuffix);
        ObjectNode person = (ObjectNode) copy.at("/data/person");
        person.put("dufNumber", person.path("dufNumber").asText() + "7");
        return copy;
    }

    private static String senderKey(JsonNode event) {
        return event.path("source").asText().equals("urn:no:udi:duf") ? TestHub.DUF_KEY : TestHub.ALL_CENTRES_KEY;
    }

    private static HttpResponse<String> post(TestHub hub, String contentType, byte[] body, String key) {
        return hub.post("/api/v1/events", contentType, body, key);
    }

    private static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    }

    private static long count(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) return 0;
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
