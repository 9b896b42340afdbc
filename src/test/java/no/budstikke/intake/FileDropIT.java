package no.budstikke.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import no.budstikke.store.EventStore;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.InboxFiles;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file drop against the real hub (real routes, real camel-file consumer), once on H2 and
 * once on PostgreSQL. One hub per database serves all scenarios; each uses its own file names
 * and event ids.
 */
class FileDropIT {

    @Nested
    class OnH2 extends Scenarios {
        OnH2() {
            super(Kind.H2);
        }
    }

    @Nested
    class OnPostgres extends Scenarios {
        OnPostgres() {
            super(Kind.POSTGRES);
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Scenarios {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final Duration PROCESSED = Duration.ofSeconds(20);
        private static final String BERGEN_FOLDER = "bergen";

        private final Kind kind;

        private TestHub hub;
        private Path inbox;

        Scenarios(Kind kind) {
            this.kind = kind;
        }

        @BeforeAll
        void startHub(@TempDir Path dir) {
            Map<String, String> settings = TestHub.defaults(dir, TestDatabases.freshUrl(kind, dir));
            // Fana's own folder; the inbox itself keeps the embedded default (any upstream source).
            settings.put("budstikke.intake.file.folders." + BERGEN_FOLDER, "urn:no:udi:mot:centre:C-4601-02");
            hub = TestHub.start(settings);
            inbox = dir.resolve("inbox");
        }

        @AfterAll
        void stopHub() {
            if (hub != null) hub.close();
        }

        @Test
        void fileWithOneEventIsStoredAndMovedToDone() throws Exception {
            ObjectNode event = event("missing.json");
            drop("one-event.json", bytes(event));

            awaitFile("done/one-event.json");
            assertThat(stored(event)).isTrue();
            assertThat(inbox.resolve("one-event.json")).doesNotExist();
            assertThat(inbox.resolve("rejected/one-event.json.error.json")).doesNotExist();
            assertThat(hub.bean("eventStore", EventStore.class).status(key(event)).orElseThrow().channel()).isEqualTo("file");
        }

        @Test
        void fileWithAnArrayOfEventsIsStoredAndMovedToDone() throws Exception {
            List<ObjectNode> events = List.of(event("arrived.json"), event("leave-applied.json"), event("returned.json"));
            drop("array.json", bytes(array(events)));

            awaitFile("done/array.json");
            assertThat(events).allMatch(this::stored);
        }

        @Test
        void oneBadEventAmongGoodOnesRejectsTheFileAndStoresTheGoodOnes() throws Exception {
            ObjectNode good0 = event("arrived.json");
            ObjectNode bad = event("missing.json");
            ((ObjectNode) bad.path("data").path("person")).put("dufNumber", "12345");
            ObjectNode good2 = event("returned.json");
            drop("one-bad.json", bytes(array(List.of(good0, bad, good2))));

            Path report = awaitFile("rejected/one-bad.json.error.json");
            awaitFile("rejected/one-bad.json");
            assertThat(stored(good0)).isTrue();
            assertThat(stored(good2)).isTrue();
            assertThat(stored(bad)).isFalse();

            JsonNode doc = JSON.readTree(report.toFile());
            assertThat(doc.path("file").asText()).isEqualTo("one-bad.json");
            JsonNode events = doc.path("events");
            assertThat(events).hasSize(3);
            assertThat(events.get(0).path("outcome").asText()).isEqualTo("stored");
            assertThat(events.get(2).path("outcome").asText()).isEqualTo("stored");
            JsonNode badOutcome = events.get(1);
            assertThat(badOutcome.path("index").asInt()).isEqualTo(1);
            assertThat(badOutcome.path("outcome").asText()).isEqualTo("rejected");
            assertThat(badOutcome.path("violations").findValuesAsText("pointer")).containsExactly("/1/data/person/dufNumber");
            JsonNode entry = quarantineEntry(badOutcome.path("quarantineId").asLong());
            assertThat(entry.path("channel").asText()).isEqualTo("file");
            assertThat(entry.path("origin").asText()).isEqualTo("one-bad.json");
            assertThat(entry.path("reason").asText()).isEqualTo("CONTRACT_VIOLATION");
        }

        @Test
        void anEventWithTheHubsOwnSourceIsForbidden() throws Exception {
            // Only the hub's schedules may store events of urn:no:budstikke:schedule (docs/schedules.md).
            ObjectNode forged = event("arrived.json");
            forged.put("source", "urn:no:budstikke:schedule");
            drop("forged.json", bytes(forged));

            Path report = awaitFile("rejected/forged.json.error.json");
            assertThat(stored(forged)).isFalse();
            JsonNode outcome = JSON.readTree(report.toFile()).path("events").get(0);
            assertThat(outcome.path("outcome").asText()).isEqualTo("forbidden");
            assertThat(quarantineEntry(outcome.path("quarantineId").asLong()).path("reason").asText()).isEqualTo("FORBIDDEN_SOURCE");
        }

        @Test
        void fileThatIsNotJsonIsRejectedAndQuarantined() throws Exception {
            byte[] content = "name;dufNumber\nsomeone;202401020304\n".getBytes(StandardCharsets.UTF_8);
            drop("not-json.json", content);

            Path report = awaitFile("rejected/not-json.json.error.json");
            assertThat(awaitFile("rejected/not-json.json")).hasBinaryContent(content);
            JsonNode doc = JSON.readTree(report.toFile());
            assertThat(doc.path("violations").get(0).path("message").asText()).contains("not valid JSON");
            JsonNode entry = quarantineEntry(doc.path("quarantineId").asLong());
            assertThat(entry.path("reason").asText()).isEqualTo("UNREADABLE");
            assertThat(entry.path("channel").asText()).isEqualTo("file");
            assertThat(entry.path("rawSize").asLong()).isEqualTo(content.length);
        }

        @Test
        void emptyFileIsRejected() throws Exception {
            drop("empty.json", new byte[0]);

            Path report = awaitFile("rejected/empty.json.error.json");
            assertThat(awaitFile("rejected/empty.json")).isEmptyFile();
            JsonNode doc = JSON.readTree(report.toFile());
            assertThat(doc.path("violations").get(0).path("message").asText()).contains("empty");
            assertThat(quarantineEntry(doc.path("quarantineId").asLong()).path("reason").asText()).isEqualTo("UNREADABLE");
        }

        @Test
        void sameFileDroppedTwiceIsStoredOnceAndBothCopiesAreKept() throws Exception {
            ObjectNode event = event("moved-without-clearance.json");
            byte[] content = bytes(event);
            EventStore store = hub.bean("eventStore", EventStore.class);

            drop("twice.json", content);
            awaitFile("done/twice.json");
            long afterFirst = store.count();

            drop("twice.json", content);
            // Camel's move would silently replace done/twice.json; the hub keeps both under a stamped name.
            Path second = await().atMost(PROCESSED).until(() -> stampedCopies("done", "twice"), l -> l.size() == 1).get(0);
            assertThat(second.getFileName().toString()).matches("twice\\.\\d{8}T\\d{9}Z\\.json");
            assertThat(second).hasBinaryContent(content);
            assertThat(inbox.resolve("done/twice.json")).hasBinaryContent(content);
            assertThat(store.count()).isEqualTo(afterFirst);
            assertThat(inbox.resolve("twice.json")).doesNotExist();
            assertThat(inbox.resolve("rejected/twice.json.error.json")).doesNotExist();
        }

        @Test
        void sameRejectedFileDroppedTwiceKeepsEachCopyBesideItsOwnReport() throws Exception {
            byte[] content = "{\"specversion\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);

            drop("bad-twice.json", content);
            Path firstReport = awaitFile("rejected/bad-twice.json.error.json");
            long firstQuarantineId = JSON.readTree(firstReport.toFile()).path("events").get(0).path("quarantineId").asLong();

            drop("bad-twice.json", content);
            Path second = await().atMost(PROCESSED).until(() -> stampedCopies("rejected", "bad-twice"), l -> l.size() == 1).get(0);
            Path secondReport = awaitFile("rejected/" + second.getFileName() + ".error.json");
            assertThat(second).hasBinaryContent(content);
            assertThat(JSON.readTree(secondReport.toFile()).path("events").get(0).path("quarantineId").asLong())
                    .isNotEqualTo(firstQuarantineId);
            assertThat(JSON.readTree(firstReport.toFile()).path("events").get(0).path("quarantineId").asLong())
                    .isEqualTo(firstQuarantineId);
        }

        @Test
        void halfWrittenPartFileIsNotReadUntilRenamed() throws Exception {
            ObjectNode slow = event("leave-applied.json");
            byte[] whole = bytes(slow);
            byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);
            Path part = inbox.resolve("slow.json.part");
            Files.createDirectories(inbox);
            Files.write(part, half);
            FileTime written = Files.getLastModifiedTime(part);

            ObjectNode other = event("arrived.json");
            drop("other.json", bytes(other));
            awaitFile("done/other.json");

            assertThat(part).hasBinaryContent(half);
            assertThat(Files.getLastModifiedTime(part)).isEqualTo(written);
            assertThat(stored(slow)).isFalse();
            assertThat(inbox.resolve("rejected/slow.json.part.error.json")).doesNotExist();

            Files.write(part, whole);
            Files.move(part, inbox.resolve("slow.json"), StandardCopyOption.ATOMIC_MOVE);
            awaitFile("done/slow.json");
            assertThat(stored(slow)).isTrue();
        }

        @Test
        void hiddenFilesAndFilesInSubfoldersAreNotRead() throws Exception {
            ObjectNode hidden = event("returned.json");
            ObjectNode inDone = event("returned.json");
            ObjectNode inRejected = event("returned.json");
            ObjectNode inOther = event("returned.json");
            Files.createDirectories(inbox.resolve("done"));
            Files.createDirectories(inbox.resolve("rejected"));
            Files.createDirectories(inbox.resolve("archive"));
            Files.write(inbox.resolve(".hidden.json"), bytes(hidden));
            Files.write(inbox.resolve("done/planted.json"), bytes(inDone));
            Files.write(inbox.resolve("rejected/planted.json"), bytes(inRejected));
            Files.write(inbox.resolve("archive/planted.json"), bytes(inOther));

            ObjectNode trigger = event("arrived.json");
            drop("trigger.json", bytes(trigger));
            awaitFile("done/trigger.json");

            assertThat(stored(trigger)).isTrue();
            assertThat(Stream.of(hidden, inDone, inRejected, inOther)).noneMatch(this::stored);
            assertThat(inbox.resolve(".hidden.json")).hasBinaryContent(bytes(hidden));
            assertThat(inbox.resolve("done/planted.json")).exists();
            assertThat(inbox.resolve("rejected/planted.json")).exists();
            assertThat(inbox.resolve("rejected/planted.json.error.json")).doesNotExist();
            assertThat(inbox.resolve("archive/planted.json")).exists();
        }

        @Test
        void aFileInABoundFolderIsStoredAndMovedToThatFoldersDone() throws Exception {
            ObjectNode own = event("arrived.json");
            assertThat(own.path("source").asText()).isEqualTo("urn:no:udi:mot:centre:C-4601-02");
            drop(BERGEN_FOLDER + "/own.json", bytes(own));

            awaitFile(BERGEN_FOLDER + "/done/own.json");
            assertThat(stored(own)).isTrue();
            assertThat(inbox.resolve("done/own.json")).doesNotExist();
        }

        @Test
        void aFileInABoundFolderPosingAsAnotherCentreOrDufIsQuarantinedOnceAndNeverReadAgain() throws Exception {
            ObjectNode oslo = event("missing.json");
            ObjectNode duf = event("case-decided-final-rejection.json");
            drop(BERGEN_FOLDER + "/as-oslo.json", bytes(oslo));
            drop(BERGEN_FOLDER + "/as-duf.json", bytes(duf));

            for (String name : List.of("as-oslo.json", "as-duf.json")) {
                Path report = awaitFile(BERGEN_FOLDER + "/rejected/" + name + ".error.json");
                awaitFile(BERGEN_FOLDER + "/rejected/" + name);
                JsonNode outcome = JSON.readTree(report.toFile()).path("events").get(0);
                assertThat(outcome.path("outcome").asText()).isEqualTo("forbidden");
                assertThat(outcome.path("violations").findValuesAsText("pointer")).containsExactly("/source");
                JsonNode entry = quarantineEntry(outcome.path("quarantineId").asLong());
                assertThat(entry.path("reason").asText()).isEqualTo("FORBIDDEN_SOURCE");
                assertThat(entry.path("origin").asText()).isEqualTo(BERGEN_FOLDER + "/" + name);
            }
            assertThat(stored(oslo)).isFalse();
            assertThat(stored(duf)).isFalse();

            // Later polls pass the rejected files by: still one quarantine row each.
            long before = forbiddenFiles();
            ObjectNode trigger = event("arrived.json");
            drop(BERGEN_FOLDER + "/after.json", bytes(trigger));
            awaitFile(BERGEN_FOLDER + "/done/after.json");
            assertThat(forbiddenFiles()).isEqualTo(before);
        }

        // --- helpers -------------------------------------------------------------------------

        /** Quarantined files that posed as another sender; the listing shows no file names. */
        private long forbiddenFiles() throws Exception {
            JsonNode entries = JSON.readTree(hub.get("/api/v1/quarantine?limit=500", TestHub.OPS_KEY).body()).path("entries");
            long n = 0;
            for (JsonNode e : entries) {
                if (e.path("channel").asText().equals("file") && e.path("reason").asText().equals("FORBIDDEN_SOURCE")) n++;
            }
            return n;
        }

        /** An example event with a fresh id, so that every scenario stores its own events. */
        private static ObjectNode event(String example) throws IOException {
            ObjectNode e = (ObjectNode) JSON.readTree(Path.of("examples/events", example).toFile());
            e.put("id", "file-drop-" + UUID.randomUUID());
            return e;
        }

        private static ArrayNode array(List<ObjectNode> events) {
            ArrayNode a = JSON.createArrayNode();
            events.forEach(a::add);
            return a;
        }

        private static byte[] bytes(JsonNode node) throws IOException {
            return JSON.writeValueAsBytes(node);
        }

        private static String key(JsonNode event) {
            return EventKey.of(event.path("source").asText(), event.path("id").asText());
        }

        private boolean stored(JsonNode event) {
            return hub.bean("eventStore", EventStore.class).status(key(event)).isPresent();
        }

        private void drop(String name, byte[] content) throws IOException {
            InboxFiles.drop(inbox, name, content);
        }

        private Path awaitFile(String relative) {
            return InboxFiles.awaitFile(inbox, relative, PROCESSED);
        }

        /** Files in {@code folder} named {@code base.<stamp>.json}. */
        private List<Path> stampedCopies(String folder, String base) throws IOException {
            try (Stream<Path> files = Files.list(inbox.resolve(folder))) {
                return files.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(base) + "\\.\\d{8}T\\d{9}Z\\.json"))
                        .toList();
            }
        }

        private JsonNode quarantineEntry(long id) throws IOException {
            HttpResponse<String> r = hub.get("/api/v1/quarantine/" + id, TestHub.OPS_KEY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }
    }
}
