package no.budstikke.ops;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static no.budstikke.testing.TestJson.bytes;
import static no.budstikke.testing.TestJson.exampleBytes;
import static no.budstikke.testing.TestJson.freshNode;
import static no.budstikke.testing.TestJson.json;
import static no.budstikke.testing.TestJson.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The read-only ops API against the real hub, once on H2 and once on a real PostgreSQL: the
 * quarantine list and entries (ops credentials only) and the status of a stored event.
 */
class OpsApiIT {

    static final String EVENTS = "/api/v1/events";
    static final String QUARANTINE = "/api/v1/quarantine";
    static final String SINGLE = "application/cloudevents+json";
    static final String PROBLEM_BASE = "https://budstikke.example/problems/";
    /** The fields a quarantine list entry has: metadata, and nothing of the input itself. */
    static final Set<String> METADATA = Set.of("id", "receivedAt", "channel", "origin", "reason", "violations", "rawSize", "truncated");
    static final Set<String> STATUS_FIELDS = Set.of("key", "source", "id", "type", "channel", "receivedAt", "status", "statusChangedAt",
            "notices", "unresolved");

    @Nested
    @DisplayName("on H2")
    class OnH2 extends Scenarios {
        OnH2() {
            super(Kind.H2);
        }
    }

    @Nested
    @DisplayName("on PostgreSQL")
    class OnPostgres extends Scenarios {
        OnPostgres() {
            super(Kind.POSTGRES);
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Scenarios {

        private final Kind kind;
        private TestHub hub;
        /** What was sent for each quarantine entry, by its id, oldest first. */
        private final Map<Long, byte[]> rejected = new LinkedHashMap<>();
        private final List<String> markers = new ArrayList<>();
        private String missingKey;   // urn:no:udi:mot:centre:C-0301-01
        private String movedKey;     // urn:no:udi:mot:centre:C-5001-01
        private String dufKey;       // urn:no:udi:duf

        Scenarios(Kind kind) {
            this.kind = kind;
        }

        @BeforeAll
        void startHubAndFillIt(@TempDir Path dir) {
            hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(kind, dir)));

            reject(SINGLE, "{\"specversion\": \"1.0\", \"id\": \"Marker-one\"".getBytes(UTF_8), TestHub.CENTRE_0301_KEY, 400);
            ObjectNode badDuf = freshNode("missing");
            ((ObjectNode) badDuf.at("/data/person")).put("givenName", "Marker-two").put("dufNumber", "123");
            reject(SINGLE, bytes(badDuf), TestHub.CENTRE_0301_KEY, 400);
            ObjectNode foreign = freshNode("arrived");
            ((ObjectNode) foreign.at("/data/person")).put("givenName", "Marker-three");
            reject(SINGLE, bytes(foreign), TestHub.CENTRE_0301_KEY, 403);
            reject(SINGLE, "[\"Marker-four\"]".getBytes(UTF_8), TestHub.CENTRE_0301_KEY, 400);
            reject("application/json", "{\"name\": \"Marker-five Bjørn\"}".getBytes(ISO_8859_1), TestHub.DUF_KEY, 400);

            missingKey = store(exampleBytes("missing"), TestHub.CENTRE_0301_KEY);
            movedKey = store(exampleBytes("moved-without-clearance"), TestHub.ALL_CENTRES_KEY);
            dufKey = store(exampleBytes("case-decided-final-rejection"), TestHub.DUF_KEY);
        }

        @AfterAll
        void stopHub() {
            if (hub != null) hub.close();
        }

        // --- quarantine list ----------------------------------------------------------------

        @Test
        void theQuarantineListShowsMetadataOnlyNewestFirst() {
            HttpResponse<String> r = hub.get(QUARANTINE, TestHub.OPS_KEY);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            JsonNode entries = json(r).path("entries");
            assertThat(ids(entries)).containsExactlyElementsOf(newestFirst(rejected.keySet()));
            assertThat(json(r).has("next")).as("one page holds all five").isFalse();
            for (JsonNode e : entries) {
                assertThat(fieldNames(e)).containsExactlyInAnyOrderElementsOf(METADATA);
                assertThat(e.path("channel").asText()).isEqualTo("http");
                assertThat(e.path("rawSize").asLong()).isEqualTo(rejected.get(e.path("id").asLong()).length);
                assertThat(e.path("truncated").asBoolean()).isFalse();
                assertThat(e.path("receivedAt").asText()).isNotBlank();
                assertThat(e.path("violations")).isNotEmpty();
            }
            assertThat(entries).extracting(e -> e.path("reason").asText())
                    .containsExactly("UNREADABLE", "UNREADABLE", "FORBIDDEN_SOURCE", "CONTRACT_VIOLATION", "UNREADABLE");
            assertThat(r.body()).doesNotContain("raw\":", "rawBase64", "rawBytes");
            for (String marker : markers) assertThat(r.body()).doesNotContain(marker);
            for (byte[] raw : rejected.values()) assertThat(r.body()).doesNotContain(Base64.getEncoder().encodeToString(raw));
        }

        @ParameterizedTest(name = "limit={0}")
        @ValueSource(ints = {1, 2, 3, 5})
        void pagingWithLimitAndNextVisitsEveryEntryOnceNewestFirst(int limit) {
            List<Long> seen = new ArrayList<>();
            String page = QUARANTINE + "?limit=" + limit;
            int pages = 0;
            while (page != null) {
                HttpResponse<String> r = hub.get(page, TestHub.OPS_KEY);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode body = json(r);
                List<Long> ids = ids(body.path("entries"));
                assertThat(ids).hasSizeLessThanOrEqualTo(limit);
                seen.addAll(ids);
                if (body.has("next")) {
                    assertThat(ids).hasSize(limit);
                    assertThat(body.path("next").asText())
                            .isEqualTo(QUARANTINE + "?limit=" + limit + "&before=" + ids.get(ids.size() - 1));
                    page = body.path("next").asText();
                } else {
                    page = null;
                }
                assertThat(++pages).as("paging ends").isLessThanOrEqualTo(rejected.size() + 1);
            }
            assertThat(seen).containsExactlyElementsOf(newestFirst(rejected.keySet()));
        }

        @Test
        void beforeListsOnlyOlderEntries() {
            List<Long> all = newestFirst(rejected.keySet());
            long third = all.get(2);

            HttpResponse<String> r = hub.get(QUARANTINE + "?before=" + third, TestHub.OPS_KEY);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(ids(json(r).path("entries"))).containsExactlyElementsOf(all.subList(3, all.size()));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"limit=0", "limit=501", "limit=-1", "limit=abc", "limit=1.5", "before=abc", "before=1e3"})
        void aBadPagingParameterIsRefusedWith400(String query) {
            HttpResponse<String> r = hub.get(QUARANTINE + "?" + query, TestHub.OPS_KEY);

            JsonNode p = assertProblem(r, 400, "bad-request");
            assertThat(p.path("detail").asText()).contains("limit");
        }

        @Test
        void theLargestPageSizeIsAccepted() {
            HttpResponse<String> r = hub.get(QUARANTINE + "?limit=500", TestHub.OPS_KEY);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).path("entries")).hasSize(rejected.size());
        }

        // --- quarantine entry ---------------------------------------------------------------

        @Test
        void aQuarantineEntryCarriesTheRawBytesAsSent() {
            for (Map.Entry<Long, byte[]> sent : rejected.entrySet()) {
                HttpResponse<String> r = hub.get(QUARANTINE + "/" + sent.getKey(), TestHub.OPS_KEY);

                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode entry = json(r);
                assertThat(entry.path("id").asLong()).isEqualTo(sent.getKey());
                assertThat(fieldNames(entry)).containsAll(METADATA).contains("rawBase64");
                assertThat(entry.path("rawSize").asLong()).isEqualTo(sent.getValue().length);
                assertThat(Base64.getDecoder().decode(entry.path("rawBase64").asText())).isEqualTo(sent.getValue());
            }
        }

        @Test
        void anEntryHasTheSameMetadataAsInTheList() {
            JsonNode listed = json(hub.get(QUARANTINE, TestHub.OPS_KEY)).path("entries").get(0);

            ObjectNode entry = (ObjectNode) json(hub.get(QUARANTINE + "/" + listed.path("id").asLong(), TestHub.OPS_KEY));
            entry.remove("rawBase64");

            assertThat(entry).isEqualTo(listed);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"999999", "0", "-1", "abc"})
        void anUnknownQuarantineEntryIs404(String id) {
            HttpResponse<String> r = hub.get(QUARANTINE + "/" + id, TestHub.OPS_KEY);

            assertProblem(r, 404, "not-found");
        }

        // --- who may see the quarantine -----------------------------------------------------

        static Stream<Arguments> quarantinePaths() {
            return Stream.of(Arguments.of("the list", QUARANTINE), Arguments.of("an entry", QUARANTINE + "/1"),
                    Arguments.of("a bad page", QUARANTINE + "?limit=0"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("quarantinePaths")
        void theQuarantineNeedsACredential(String what, String path) {
            HttpResponse<String> r = hub.get(path, null);

            assertProblem(r, 401, "unauthorized");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(r.body()).doesNotContain("entries", "rawBase64");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("quarantinePaths")
        void theQuarantineIsRefusedWith403ToSendersWithoutOps(String what, String path) {
            for (String senderKey : List.of(TestHub.CENTRE_0301_KEY, TestHub.DUF_KEY, TestHub.ALL_CENTRES_KEY)) {
                HttpResponse<String> r = hub.get(path, senderKey);

                assertProblem(r, 403, "forbidden");
                assertThat(r.body()).doesNotContain("entries", "rawBase64");
            }
        }

        @Test
        void aKeyInTheQueryStringDoesNotOpenTheQuarantine() {
            HttpResponse<String> r = hub.get(QUARANTINE + "?Authorization=Bearer%20" + TestHub.OPS_KEY, null);

            assertProblem(r, 401, "unauthorized");
            assertThat(r.body()).doesNotContain("entries");
        }

        @Test
        void aKeyInTheQueryStringDoesNotReplaceASendersOwnKey() {
            HttpResponse<String> r = hub.get(QUARANTINE + "/1?authorization=Bearer%20" + TestHub.OPS_KEY, TestHub.DUF_KEY);

            assertProblem(r, 403, "forbidden");
            assertThat(r.body()).doesNotContain("rawBase64");
        }

        // --- event status -------------------------------------------------------------------

        @Test
        void opsSeeTheStatusOfAnyStoredEvent() {
            for (String key : List.of(missingKey, movedKey, dufKey)) {
                HttpResponse<String> r = hub.get(EVENTS + "/" + key, TestHub.OPS_KEY);

                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode s = json(r);
                assertThat(fieldNames(s)).containsExactlyInAnyOrderElementsOf(STATUS_FIELDS);
                assertThat(s.path("key").asText()).isEqualTo(key);
                assertThat(s.path("status").asText()).isIn("RECEIVED", "DISPATCHED"); // dispatch may already have taken it
                assertThat(s.path("channel").asText()).isEqualTo("http");
            }
            JsonNode missing = json(hub.get(EVENTS + "/" + missingKey, TestHub.OPS_KEY));
            assertThat(missing.path("source").asText()).isEqualTo("urn:no:udi:mot:centre:C-0301-01");
            assertThat(missing.path("id").asText()).isEqualTo("mot-0301-01-000417");
            assertThat(missing.path("type").asText()).isEqualTo("no.udi.mot.resident.missing.v1");
        }

        static Stream<Arguments> owners() {
            return Stream.of(
                    Arguments.of("the centre's own key", "missing", TestHub.CENTRE_0301_KEY),
                    Arguments.of("a key for every centre", "missing", TestHub.ALL_CENTRES_KEY),
                    Arguments.of("a key for every centre", "moved", TestHub.ALL_CENTRES_KEY),
                    Arguments.of("DUF's key", "duf", TestHub.DUF_KEY));
        }

        @ParameterizedTest(name = "{0} sees {1}")
        @MethodSource("owners")
        void theSenderThatOwnsTheSourceSeesTheStatus(String who, String event, String senderKey) {
            HttpResponse<String> r = hub.get(EVENTS + "/" + key(event), senderKey);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).path("key").asText()).isEqualTo(key(event));
            assertThat(json(r).path("status").asText()).isIn("RECEIVED", "DISPATCHED"); // dispatch may already have taken it
        }

        static Stream<Arguments> strangers() {
            return Stream.of(
                    Arguments.of("DUF's key", "missing", TestHub.DUF_KEY),
                    Arguments.of("another centre's key", "moved", TestHub.CENTRE_0301_KEY),
                    Arguments.of("a centre's key", "duf", TestHub.CENTRE_0301_KEY),
                    Arguments.of("a key for every centre", "duf", TestHub.ALL_CENTRES_KEY));
        }

        @ParameterizedTest(name = "{0} asks for {1}")
        @MethodSource("strangers")
        void aSenderThatDoesNotOwnTheSourceGetsTheSame404AsForAnUnknownKey(String who, String event, String senderKey) {
            HttpResponse<String> notYours = hub.get(EVENTS + "/" + key(event), senderKey);
            HttpResponse<String> unknown = hub.get(EVENTS + "/" + "0".repeat(32), senderKey);

            assertProblem(notYours, 404, "not-found");
            assertThat(notYours.body()).isEqualTo(unknown.body()).doesNotContain(key(event));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"00000000000000000000000000000000", "not-a-key", "ABCDEF0123456789ABCDEF0123456789"})
        void anUnknownEventKeyIs404(String key) {
            assertProblem(hub.get(EVENTS + "/" + key, TestHub.OPS_KEY), 404, "not-found");
        }

        @Test
        void theEventStatusNeedsACredential() {
            HttpResponse<String> r = hub.get(EVENTS + "/" + missingKey, null);

            assertProblem(r, 401, "unauthorized");
            assertThat(r.body()).doesNotContain("RECEIVED", "DISPATCHED");
        }

        @Test
        void aKeyInTheQueryStringDoesNotOpenTheEventStatus() {
            HttpResponse<String> r = hub.get(EVENTS + "/" + missingKey + "?Authorization=Bearer%20" + TestHub.OPS_KEY, null);

            assertProblem(r, 401, "unauthorized");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"missing", "moved-without-clearance", "case-decided-final-rejection"})
        void theStatusDocumentCarriesNoPersonalData(String example) {
            List<String> personal = personalValues(tree(exampleBytes(example)));
            assertThat(personal).as("the example has personal values to look for").hasSizeGreaterThan(5);
            String key = example.startsWith("missing") ? missingKey : example.startsWith("moved") ? movedKey : dufKey;

            HttpResponse<String> r = hub.get(EVENTS + "/" + key, TestHub.OPS_KEY);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(fieldNames(json(r))).containsExactlyInAnyOrderElementsOf(STATUS_FIELDS);
            for (String value : personal) assertThat(r.body()).doesNotContain(value);
        }

        // --- helpers ------------------------------------------------------------------------

        private String key(String event) {
            return switch (event) {
                case "missing" -> missingKey;
                case "moved" -> movedKey;
                case "duf" -> dufKey;
                default -> throw new IllegalArgumentException(event);
            };
        }

        private void reject(String contentType, byte[] body, String senderKey, int expectedStatus) {
            HttpResponse<String> r = hub.post(EVENTS, contentType, body, senderKey);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
            JsonNode answer = json(r);
            assertThat(answer.path("quarantineId").isIntegralNumber()).as(r.body()).isTrue();
            rejected.put(answer.path("quarantineId").asLong(), body);
            markers.add("Marker-" + List.of("one", "two", "three", "four", "five").get(markers.size()));
        }

        private String store(byte[] body, String senderKey) {
            HttpResponse<String> r = hub.post(EVENTS, SINGLE, body, senderKey);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            return json(r).path("key").asText();
        }
    }

    // --- shared helpers -----------------------------------------------------------------------

    static JsonNode assertProblem(HttpResponse<String> r, int status, String typeSlug) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = json(r);
        assertThat(p.path("type").asText()).isEqualTo(PROBLEM_BASE + typeSlug);
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("detail").asText()).isNotBlank();
        return p;
    }

    /**
     * Every text value of an example's {@code data} that could identify or describe a person:
     * everything except the centre blocks (a centre's id is part of the source) and short codes.
     */
    static List<String> personalValues(JsonNode event) {
        List<String> values = new ArrayList<>();
        collect(event.path("data"), "", values);
        return values;
    }

    private static void collect(JsonNode node, String path, List<String> into) {
        if (path.equals("/centre") || path.equals("/toCentre")) return;
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> collect(f.getValue(), path + "/" + f.getKey(), into));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, path + "/*", into));
        } else if (node.isTextual() && node.asText().length() >= 4) {
            into.add(node.asText());
        }
    }

    static List<Long> ids(JsonNode entries) {
        List<Long> ids = new ArrayList<>();
        entries.forEach(e -> ids.add(e.path("id").asLong()));
        return ids;
    }

    static List<Long> newestFirst(Set<Long> ids) {
        return new ArrayList<>(new TreeSet<>(ids).descendingSet());
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }





}
