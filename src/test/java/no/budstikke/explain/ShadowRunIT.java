package no.budstikke.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.budstikke.config.ConfigErrors;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shadow run against a database the real hub filled: the shipped examples posted over HTTP and
 * dispatched (a disappearance and the return that closes it, an arrival, a leave application, a
 * move without clearances, a final rejection). Each candidate config differs from the running one
 * in one place, and the report must name exactly that difference and nothing else; the unchanged
 * config must report none, which also shows each event got the case as it found it.
 */
class ShadowRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** In the order of their event times, each dispatched before the next is posted. */
    private static final List<String> EXAMPLES = List.of("arrived", "moved-without-clearance", "missing", "returned", "leave-applied",
            "case-decided-final-rejection");

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnH2 extends Scenario {
        OnH2() {
            super(Kind.H2);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres extends Scenario {
        OnPostgres() {
            super(Kind.POSTGRES);
        }
    }

    abstract static class Scenario {

        private final Kind kind;
        /** One database and its folder for all the scenario's replays: the hub fills it once. */
        private Path dir;
        private Path hubConfig;
        private Path hubProperties;
        private final List<String> personalValues = new ArrayList<>();

        Scenario(Kind kind) {
            this.kind = kind;
        }

        @BeforeAll
        void hubDispatchesTheExamples() throws Exception {
            dir = Files.createTempDirectory("shadow-run-");
            hubConfig = copyOfConfig("hub-config");
            Map<String, String> settings = TestHub.defaults(dir, TestDatabases.freshUrl(kind, dir));
            settings.put("budstikke.config.dir", hubConfig.toString());
            try (TestHub hub = TestHub.start(settings)) {
                for (String name : EXAMPLES) {
                    byte[] body = Files.readAllBytes(Path.of("examples/events", name + ".json"));
                    JsonNode event = JSON.readTree(body);
                    collectPersonalValues(event.path("data"));
                    String apiKey = event.path("source").asText().equals("urn:no:udi:duf") ? TestHub.DUF_KEY : TestHub.ALL_CENTRES_KEY;
                    HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", body, apiKey);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                    String key = JSON.readTree(r.body()).path("key").asText();
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                            JSON.readTree(hub.get("/api/v1/events/" + key, TestHub.OPS_KEY).body()).path("status").asText())
                            .as(name).isEqualTo("DISPATCHED"));
                }
            }
            // The hub's settings as ops have them: where its database is.
            hubProperties = dir.resolve("hub.properties");
            Files.writeString(hubProperties, "budstikke.data.dir = " + dir + "\nbudstikke.db.url = " + settings.get("budstikke.db.url") + "\n");
            assertThat(personalValues).contains("201912345678", "Amina", "Kari Nordmann");
        }

        @AfterAll
        void removeTheFolder() throws Exception {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        }

        @Test
        void theRunningConfigAsCandidateDecidesEveryEventAsTheHubDid() throws Exception {
            Result r = replay("--replay", "--config", hubConfig.toString(), "--json");
            assertThat(r.status).as(r.err).isZero();
            JsonNode doc = JSON.readTree(r.out);
            assertThat(doc.path("events").asLong()).isEqualTo(EXAMPLES.size());
            assertThat(doc.path("eventsChanged").asLong()).as(r.out).isZero();
            assertThat(doc.path("noticesCandidate").asLong()).isEqualTo(doc.path("noticesStored").asLong()).isGreaterThan(10);
            assertNoDifferences(doc, "noticesAdded", "noticesDropped", "prioritiesChanged", "fieldsDisclosed", "fieldsRemoved");
            assertNoPersonalData(r);

            Result text = replay("--replay", "--config", hubConfig.toString());
            assertThat(text.status).isZero();
            assertThat(text.out).contains("6 events decided again, 0 of them differently", "No difference");
        }

        @Test
        void aPolicyThatNewlyGivesOneOfficeOneFieldIsReportedAsExactlyThatOfficeAndPointer() throws Exception {
            Path candidate = copyOfConfig("candidate-policy");
            // The school hears of an arrival; the candidate also tells it the child's nationality.
            edit(candidate.resolve("disclosure-policies.yaml"), "      - /data/person/languages\n      - /data/centre\n      - /data/arrivedAt\n",
                    "      - /data/person/languages\n      - /data/person/nationality\n      - /data/centre\n      - /data/arrivedAt\n");
            Result r = replay("--replay", "--config", candidate.toString(), "--json");
            assertThat(r.status).as(r.err).isZero();
            JsonNode doc = JSON.readTree(r.out);
            assertThat(doc.path("eventsChanged").asLong()).isEqualTo(1);
            assertThat(doc.path("fieldsDisclosed").toString())
                    .isEqualTo("[{\"office\":\"school-bergen\",\"pointer\":\"/data/person/nationality\",\"events\":1}]");
            assertNoDifferences(doc, "noticesAdded", "noticesDropped", "prioritiesChanged", "fieldsRemoved");
            assertNoPersonalData(r);

            Result text = replay("--replay", "--config", candidate.toString());
            assertThat(text.out).contains("Fields newly disclosed (office: pointer: events)\n  school-bergen: /data/person/nationality: 1\n");
            assertNoPersonalData(text);
        }

        @Test
        void aRuleThatNoLongerTellsAnOfficeIsReportedAsItsDroppedNotices() throws Exception {
            Path candidate = copyOfConfig("candidate-rule");
            // O26 after a return: the candidate tells child welfare only, no longer UDI's region.
            edit(candidate.resolve("routing-rules.yaml"), "    purpose: returned\n    recipients:\n      - { role: BARNEVERN, where: [CENTRE] }\n"
                    + "      - { role: UDI_REGIONAL, where: [CENTRE] }\n", "    purpose: returned\n    recipients:\n"
                    + "      - { role: BARNEVERN, where: [CENTRE] }\n");
            Result r = replay("--replay", "--config", candidate.toString(), "--json");
            assertThat(r.status).as(r.err).isZero();
            JsonNode doc = JSON.readTree(r.out);
            assertThat(doc.path("noticesDropped").toString())
                    .isEqualTo("[{\"duty\":\"O26\",\"copy\":false,\"office\":\"udi-region-ost\",\"notices\":1}]");
            assertThat(doc.path("noticesCandidate").asLong()).isEqualTo(doc.path("noticesStored").asLong() - 1);
            assertNoDifferences(doc, "noticesAdded", "prioritiesChanged", "fieldsDisclosed");
            // UDI's region heard other duties of the return (O25) with the same fields: it learns no less of this event.
            assertNoDifferences(doc, "fieldsRemoved");
            assertNoPersonalData(r);
        }

        @Test
        void aPriorityChangeIsReportedPerDutyAndOffice() throws Exception {
            Path candidate = copyOfConfig("candidate-priority");
            edit(candidate.resolve("routing-rules.yaml"), "    when: { path: /data/concernForNeglect, equals: true }\n    priority: HIGH\n",
                    "    when: { path: /data/concernForNeglect, equals: true }\n    priority: URGENT\n");
            Result r = replay("--replay", "--config", candidate.toString(), "--json");
            assertThat(r.status).as(r.err).isZero();
            JsonNode doc = JSON.readTree(r.out);
            assertThat(doc.path("prioritiesChanged").toString()).isEqualTo("["
                    + "{\"duty\":\"O26\",\"copy\":false,\"office\":\"barnevern-oslo\",\"from\":\"HIGH\",\"to\":\"URGENT\",\"notices\":1},"
                    + "{\"duty\":\"O26\",\"copy\":false,\"office\":\"udi-region-ost\",\"from\":\"HIGH\",\"to\":\"URGENT\",\"notices\":1}]");
            assertNoDifferences(doc, "noticesAdded", "noticesDropped", "fieldsDisclosed", "fieldsRemoved");
            assertThat(doc.path("eventsChanged").asLong()).isEqualTo(1);

            Result text = replay("--replay", "--config", candidate.toString());
            assertThat(text.out).contains("  O26 → barnevern-oslo: HIGH → URGENT: 1\n");
            assertNoPersonalData(text);
        }

        @Test
        void theWindowSelectsEventsByWhenTheHubReceivedThem() throws Exception {
            Result none = replay("--replay", "--config", hubConfig.toString(), "--from", "2999-01-01", "--json");
            assertThat(none.status).as(none.err).isZero();
            assertThat(JSON.readTree(none.out).path("events").asLong()).isZero();
            Result all = replay("--replay", "--config", hubConfig.toString(), "--from", "2000-01-01T00:00:00Z", "--to", "2999-01-01",
                    "--json");
            assertThat(JSON.readTree(all.out).path("events").asLong()).isEqualTo(EXAMPLES.size());
        }

        @Test
        void aBadCandidateFolderIsListedAndExits78LikeCheck() throws Exception {
            Path candidate = copyOfConfig("candidate-bad");
            edit(candidate.resolve("routing-rules.yaml"), "    kind: concern-report\n    purpose: returned\n",
                    "    kind: concern-report\n    purpose: no-such-purpose\n");
            Result r = replay("--replay", "--config", candidate.toString());
            assertThat(r.status).isEqualTo(ConfigErrors.EX_CONFIG);
            assertThat(r.err).contains("the configuration is invalid", "no-such-purpose").doesNotContain("Exception", "\tat ");
            assertThat(r.out).isEmpty();
        }

        private void assertNoPersonalData(Result r) {
            for (String value : personalValues) {
                assertThat(r.out).as("output holds no personal value").doesNotContain(value);
                assertThat(r.err).doesNotContain(value);
            }
        }

        /** Names, DUF numbers, birth dates and the contacts' details of the posted events. */
        private void collectPersonalValues(JsonNode data) {
            for (String field : List.of("dufNumber", "givenName", "familyName", "birthDate", "nationalId")) {
                if (data.path("person").path(field).isTextual()) personalValues.add(data.path("person").path(field).asText());
            }
            for (String contact : List.of("representative", "lawyer")) {
                data.path("caseContext").path(contact).forEach(v -> personalValues.add(v.asText()));
            }
        }

        private Result replay(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = ReplayCommand.run(List.of(args), hubProperties, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }

        private Path copyOfConfig(String name) throws Exception {
            Path target = dir.resolve(name);
            try (Stream<Path> files = Files.walk(Path.of("config"))) {
                for (Path f : files.toList()) {
                    Path t = target.resolve(Path.of("config").relativize(f).toString());
                    if (Files.isDirectory(f)) Files.createDirectories(t);
                    else Files.copy(f, t);
                }
            }
            return target;
        }
    }

    private record Result(int status, String out, String err) {
    }

    private static void assertNoDifferences(JsonNode doc, String... lists) {
        for (String list : lists) assertThat(doc.path(list).isArray()).as(list).isTrue();
        for (String list : lists) assertThat(doc.path(list).size()).as(list + ": " + doc.path(list)).isZero();
    }

    /** Replaces {@code from} (which must occur exactly once) by {@code to}. */
    private static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text.indexOf(from)).as("'" + from + "' in " + file).isNotNegative().isEqualTo(text.lastIndexOf(from));
        Files.writeString(file, text.replace(from, to));
    }
}
