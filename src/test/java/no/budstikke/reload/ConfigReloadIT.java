package no.budstikke.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config folder reloaded while the hub runs: under a stream of events a reload switches the
 * rules between two events, never inside one; a broken folder changes nothing and says why; every
 * instance on the database follows, unless its own folder holds other files; only ops may reload.
 */
class ConfigReloadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CE = "application/cloudevents+json";
    /** An arrival's notices under the shipped rules: duty/role/copy. */
    private static final Set<String> SHIPPED = Set.of("O1/STATSFORVALTER/false", "O2/BARNEVERN/false", "O3/SCHOOL/false");
    /** ... and under the changed rules, where child welfare's arrival notice goes in copy to the county governor. */
    private static final Set<String> CHANGED = Set.of("O1/STATSFORVALTER/false", "O2/BARNEVERN/false", "O3/SCHOOL/false",
            "O2/STATSFORVALTER/true");

    @Nested
    class OnH2 extends Scenario {
        OnH2() {
            super(Kind.H2);
        }

        @Test
        void aPollIntervalOutOfItsBoundsStopsTheStartNamingTheSetting() throws Exception {
            Map<String, String> p = settings(TestDatabases.freshUrl(Kind.H2, dir), copyOfConfig("c"));
            p.put("budstikke.reload.poll-ms", "50");
            assertThatThrownBy(() -> TestHub.start(p).close()).rootCause()
                    .hasMessageContaining("budstikke.reload.poll-ms").hasMessageContaining("expected 1000 to 3600000");
        }
    }

    @Nested
    class OnPostgres extends Scenario {
        OnPostgres() {
            super(Kind.POSTGRES);
        }

        @Test
        void anotherInstanceOnTheDatabaseLoadsTheAcceptedVersionOnceItsOwnFolderHoldsIt() throws Exception {
            String db = TestDatabases.freshUrl(Kind.POSTGRES, dir);
            Path configA = copyOfConfig("a");
            Path configB = copyOfConfig("b");
            try (TestHub a = TestHub.start(settings(db, configA)); TestHub b = TestHub.start(settings(db, configB))) {
                String v1 = version(a);
                assertThat(version(b)).isEqualTo(v1);

                copyInTheCopyRule(configA);
                HttpResponse<String> r = reload(a, TestHub.OPS_KEY);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                String v2 = JSON.readTree(r.body()).path("version").asText();
                assertThat(v2).isNotEqualTo(v1);

                // B's folder does not hold v2 yet (its mount lags behind): it keeps v1 and does not push v1 back.
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> version(b).equals(v1));
                assertThat(config(b).path("accepted").path("version").asText()).isEqualTo(v2);
                assertThat(config(a).path("accepted").path("version").asText()).isEqualTo(v2);
                // ... and says so to ops' alerting, while A does not.
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(b.getManagement("/observe/metrics").body())
                        .containsPattern("budstikke_config_behind(\\{[^}]*\\})? 1\\.0"));
                assertThat(a.getManagement("/observe/metrics").body()).containsPattern("budstikke_config_behind(\\{[^}]*\\})? 0\\.0");

                copyInTheCopyRule(configB);
                await().atMost(Duration.ofSeconds(20)).until(() -> version(b).equals(v2));
                assertThat(version(a)).isEqualTo(v2);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(b.getManagement("/observe/metrics").body())
                        .containsPattern("budstikke_config_behind(\\{[^}]*\\})? 0\\.0"));

                // Whichever instance dispatches it, an arrival now has the changed rules' notices.
                String key = post(b, arrival(900_000_001L));
                assertThat(awaitNotices(a, key)).containsExactlyInAnyOrderElementsOf(withVersion(CHANGED, v2));
                assertThat(config(b).path("accepted").path("acceptedBy").asText()).isEqualTo("test-ops");
            }
        }
    }

    abstract static class Scenario {

        private final Kind kind;

        @TempDir
        Path dir;

        Scenario(Kind kind) {
            this.kind = kind;
        }

        @Test
        void aReloadUnderASteadyStreamSwitchesTheRulesBetweenTwoEventsNeverInsideOne() throws Exception {
            Path config = copyOfConfig("c");
            try (TestHub hub = TestHub.start(settings(TestDatabases.freshUrl(kind, dir), config))) {
                String v1 = version(hub);
                List<String> keys = Collections.synchronizedList(new ArrayList<>());
                CountDownLatch halfway = new CountDownLatch(1);
                CountDownLatch reloading = new CountDownLatch(1);
                AtomicReference<Throwable> failed = new AtomicReference<>();
                Thread poster = new Thread(() -> {
                    try {
                        for (int i = 0; i < 200; i++) {
                            keys.add(post(hub, arrival(800_000_000L + i)));
                            if (i == 99) {
                                halfway.countDown();
                                assertThat(reloading.await(30, TimeUnit.SECONDS)).isTrue();
                            }
                        }
                    } catch (Throwable t) {
                        failed.set(t);
                        halfway.countDown();
                    }
                }, "event-poster");
                poster.start();

                assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
                copyInTheCopyRule(config);
                // The reload runs while the poster goes on and the hub dispatches.
                reloading.countDown();
                HttpResponse<String> r = reload(hub, TestHub.OPS_KEY);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode answer = JSON.readTree(r.body());
                String v2 = answer.path("version").asText();
                assertThat(answer.path("previous").asText()).isEqualTo(v1);
                assertThat(answer.path("changed").asBoolean()).isTrue();
                assertThat(version(hub)).isEqualTo(v2);
                poster.join(120_000);
                assertThat(failed.get()).isNull();
                // One after the reload answered is decided by the new rules for certain.
                keys.add(post(hub, arrival(800_000_999L)));
                assertThat(keys).hasSize(201);

                int old = 0;
                int changed = 0;
                for (String key : keys) {
                    Set<String> notices = awaitNotices(hub, key);
                    if (notices.equals(withVersion(SHIPPED, v1))) old++;
                    else if (notices.equals(withVersion(CHANGED, v2))) changed++;
                    else throw new AssertionError("event " + key + " has notices of neither version alone: " + notices);
                }
                assertThat(old + changed).isEqualTo(201);
                assertThat(old).as("the first hundred were posted before the reload began").isGreaterThanOrEqualTo(1);
                assertThat(changed).isGreaterThanOrEqualTo(1);
                System.out.printf("reload under a stream of 201 events: %d decided by the old rules, %d by the new%n", old, changed);
            }
        }

        @Test
        void aBrokenFolderChangesNothingAndTheAnswerListsEveryProblem() throws Exception {
            Path config = copyOfConfig("c");
            try (TestHub hub = TestHub.start(settings(TestDatabases.freshUrl(kind, dir), config))) {
                String v1 = version(hub);
                Path rules = config.resolve("routing-rules.yaml");
                String shipped = Files.readString(rules);

                // Broken YAML: the file and the line.
                Files.writeString(rules, shipped.replaceFirst("  - duty: O3\n", "  - duty: O3\n    on: [unclosed\n"));
                HttpResponse<String> r = reload(hub, TestHub.OPS_KEY);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                JsonNode problem = JSON.readTree(r.body());
                assertThat(problem.path("version").asText()).isEqualTo(v1);
                assertThat(problem.path("problems")).anySatisfy(p -> {
                    assertThat(p.path("file").asText()).endsWith("routing-rules.yaml");
                    assertThat(p.path("line").asInt()).isPositive();
                    assertThat(p.path("message").asText()).contains("not valid YAML");
                });

                // A role that does not exist, and a changed deadlines.yaml: pointer and expectation of each, all at once.
                Files.writeString(rules, shipped.replaceFirst("role: SCHOOL", "role: SKOLE"));
                Path deadlines = config.resolve("deadlines.yaml");
                Files.writeString(deadlines, Files.readString(deadlines) + "\n# changed\n");
                r = reload(hub, TestHub.OPS_KEY);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
                problem = JSON.readTree(r.body());
                assertThat(problem.path("problems")).anySatisfy(p -> {
                    assertThat(p.path("file").asText()).endsWith("routing-rules.yaml");
                    assertThat(p.path("line").asInt()).isPositive();
                    assertThat(p.path("pointer").asText()).startsWith("/rules/2/recipients/0");
                    assertThat(p.path("message").asText()).contains("SKOLE");
                    assertThat(p.path("expected").asText()).isNotBlank();
                });
                assertThat(problem.path("problems")).anySatisfy(p -> {
                    assertThat(p.path("file").asText()).isEqualTo("deadlines.yaml");
                    assertThat(p.path("expected").asText()).contains("restart");
                });

                // Nothing changed: the version, the recorded version, and what an arrival is decided by.
                assertThat(version(hub)).isEqualTo(v1);
                assertThat(config(hub).path("accepted").path("version").asText()).isEqualTo(v1);
                String key = post(hub, arrival(700_000_001L));
                assertThat(awaitNotices(hub, key)).containsExactlyInAnyOrderElementsOf(withVersion(SHIPPED, v1));

                // Fixed, it loads; unchanged, a reload says so.
                Files.writeString(rules, shipped);
                Files.copy(Path.of("config/deadlines.yaml"), deadlines, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                r = reload(hub, TestHub.OPS_KEY);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(JSON.readTree(r.body()).path("changed").asBoolean()).isFalse();
                assertThat(JSON.readTree(r.body()).path("version").asText()).isEqualTo(v1);
            }
        }

        @Test
        void aReloadedTemplateWritesTheLettersOfTheEventsAfterIt() throws Exception {
            Path config = copyOfConfig("c");
            try (TestHub hub = TestHub.start(settings(TestDatabases.freshUrl(kind, dir), config))) {
                String before = letter(hub, post(hub, arrival(600_000_001L)), "O1");
                Path template = config.resolve("templates/arrival-notice.txt");
                String line = "En ny beboer har kommet til mottaket.";
                assertThat(Files.readString(template)).contains(line);
                Files.writeString(template, Files.readString(template).replace(line, "En ny beboer har kommet (mal 2)."));

                HttpResponse<String> r = reload(hub, TestHub.OPS_KEY);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                String after = letter(hub, post(hub, arrival(600_000_002L)), "O1");

                assertThat(before).contains(line).doesNotContain("(mal 2)");
                assertThat(after).contains("En ny beboer har kommet (mal 2).").doesNotContain(line);
            }
        }

        /** The text of the letter the sandbox holds for the event's notice of {@code duty}. */
        String letter(TestHub hub, String key, String duty) throws Exception {
            awaitNotices(hub, key);
            JsonNode journal = JSON.readTree(hub.get("/api/v1/journal/events/" + key, TestHub.OPS_KEY).body());
            JsonNode notice = null;
            for (JsonNode n : journal.path("timeline")) {
                if (n.path("what").asText().equals("notice decided") && n.path("duty").asText().equals(duty)) notice = n;
            }
            assertThat(notice).as("a notice of " + duty).isNotNull();
            Path eml = dir.resolve("sandbox").resolve(notice.path("officeId").asText()).resolve(notice.path("noticeId").asText() + ".eml");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(eml));
            try (var in = Files.newInputStream(eml)) {
                var message = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), in);
                return (String) ((jakarta.mail.Multipart) message.getContent()).getBodyPart(0).getContent();
            }
        }

        @Test
        void onlyAnOpsCredentialMayReloadOrSeeTheVersion() throws Exception {
            Path config = copyOfConfig("c");
            try (TestHub hub = TestHub.start(settings(TestDatabases.freshUrl(kind, dir), config))) {
                String v1 = version(hub);
                copyInTheCopyRule(config);
                assertThat(reload(hub, null).statusCode()).isEqualTo(401);
                assertThat(reload(hub, "not-a-key").statusCode()).isEqualTo(401);
                assertThat(reload(hub, TestHub.CENTRE_0301_KEY).statusCode()).isEqualTo(403);
                assertThat(reload(hub, TestHub.ALL_CENTRES_KEY).statusCode()).isEqualTo(403);
                assertThat(hub.get("/api/v1/config", null).statusCode()).isEqualTo(401);
                assertThat(hub.get("/api/v1/config", TestHub.DUF_KEY).statusCode()).isEqualTo(403);
                assertThat(version(hub)).isEqualTo(v1);
            }
        }

        Map<String, String> settings(String db, Path config) {
            Map<String, String> p = TestHub.defaults(dir, db);
            p.put("budstikke.config.dir", config.toString());
            p.put("budstikke.reload.poll-ms", "1000");
            return p;
        }

        Path copyOfConfig(String name) throws Exception {
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

    /** O2 (an arrival, to child welfare) also goes in copy to the county governor. */
    static void copyInTheCopyRule(Path config) throws Exception {
        Path rules = config.resolve("routing-rules.yaml");
        String text = Files.readString(rules);
        String o2 = "      - { role: BARNEVERN, where: [CENTRE] }\n";
        assertThat(text).contains(o2);
        Files.writeString(rules, text.replaceFirst("(?m)^      - \\{ role: BARNEVERN, where: \\[CENTRE\\] \\}\n",
                o2 + "      - { role: STATSFORVALTER, where: [CENTRE], copy: true }\n"));
    }

    static HttpResponse<String> reload(TestHub hub, String key) {
        return hub.post("/api/v1/config/reload", null, new byte[0], key);
    }

    static JsonNode config(TestHub hub) throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/config", TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static String version(TestHub hub) throws Exception {
        String v = config(hub).path("version").asText();
        assertThat(v).matches("[0-9a-f]{64}");
        return v;
    }

    /** An arrival of a child of its own, at a centre in Oslo. */
    static JsonNode arrival(long n) throws Exception {
        ObjectNode e = (ObjectNode) JSON.readTree(Path.of("examples/events/arrived.json").toFile());
        e.put("id", "reload-" + n);
        e.put("source", "urn:no:udi:mot:centre:C-0301-01");
        ObjectNode data = (ObjectNode) e.path("data");
        ((ObjectNode) data.path("person")).put("dufNumber", String.format("%012d", n));
        ((ObjectNode) data.path("centre")).put("id", "C-0301-01").put("municipalityNumber", "0301");
        return e;
    }

    static String post(TestHub hub, JsonNode event) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/events", CE, JSON.writeValueAsBytes(event), TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("key").asText();
    }

    /** The event's notices once dispatched, as duty/role/copy@version. */
    static Set<String> awaitNotices(TestHub hub, String key) throws Exception {
        AtomicReference<Set<String>> out = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode status = JSON.readTree(hub.get("/api/v1/events/" + key, TestHub.OPS_KEY).body());
            assertThat(status.path("status").asText()).isEqualTo("DISPATCHED");
        });
        JsonNode journal = JSON.readTree(hub.get("/api/v1/journal/events/" + key, TestHub.OPS_KEY).body());
        List<String> notices = new ArrayList<>();
        for (JsonNode n : journal.path("timeline")) {
            if (!n.path("what").asText().equals("notice decided")) continue;
            notices.add(n.path("duty").asText() + "/" + n.path("role").asText() + "/" + n.path("copy").asBoolean() + "@"
                    + n.path("configVersion").asText("none"));
        }
        out.set(new TreeSet<>(notices));
        assertThat(notices).as("no notice twice").hasSameSizeAs(out.get());
        return out.get();
    }

    static Set<String> withVersion(Set<String> notices, String version) {
        return notices.stream().map(n -> n + "@" + version).collect(Collectors.toCollection(TreeSet::new));
    }
}
