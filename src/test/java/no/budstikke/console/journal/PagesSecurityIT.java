package no.budstikke.console.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saksjournal, Karantene and Oppsett over plain HTTP behind the console's gate: the DUF number in
 * no URL the console produces nor in the access log, names for ops-pii only, the raw quarantined
 * bytes for ops-pii only, staff refused, and forms without the session's CSRF token refused.
 */
class PagesSecurityIT {

    private static final Pattern URLS = Pattern.compile("(?:href|action|src)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static PagesConsole console;
    static long quarantined;

    @BeforeAll
    static void start() throws Exception {
        console = PagesConsole.start(dir);
        assertThat(console.postMissing().statusCode()).isEqualTo(202);
        HttpResponse<String> invalid = console.postInvalid();
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        HttpResponse<String> list = console.hub.get("/api/v1/quarantine", TestHub.OPS_KEY);
        quarantined = JSON.readTree(list.body()).path("entries").get(0).path("id").asLong();
    }

    @AfterAll
    static void stop() {
        if (console != null) console.close();
    }

    @Test
    void theDufNumberIsInNoUrlTheJournalProducesNorInTheAccessLog() {
        try (LogCapture log = LogCapture.attach()) {
            String kari = console.login(PagesConsole.OPS_PII);
            HttpResponse<String> form = console.get("/console/saksjournal", kari);
            assertThat(form.statusCode()).isEqualTo(200);
            String csrf = PagesConsole.csrf(form.body());
            HttpResponse<String> found = await().atMost(Duration.ofSeconds(20)).until(
                    () -> console.post("/console/saksjournal", kari, Map.of("csrf", csrf, "duf", PagesConsole.DUF)),
                    r -> r.body().contains("police-oslo"));
            HttpResponse<String> spaced = console.post("/console/saksjournal", kari, Map.of("csrf", csrf, "duf", "2019 1234 5678"));
            HttpResponse<String> wrong = console.post("/console/saksjournal", kari, Map.of("csrf", csrf, "duf", PagesConsole.DUF + "9"));
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(found.body()).contains(PagesConsole.NAME, "Sak " + PagesConsole.DUF, "forvaltningsloven § 13 b nr. 5");
            assertThat(spaced.body()).contains(PagesConsole.NAME);
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("Et DUF-nummer har 12 sifre; du skrev 13.").doesNotContain(PagesConsole.DUF);

            for (HttpResponse<String> r : List.of(form, found, spaced, wrong)) {
                assertThat(r.headers().firstValue("Location")).isEmpty();
                assertThat(urls(r.body())).as("every href and form action").isNotEmpty()
                        .noneMatch(u -> u.contains(PagesConsole.DUF) || u.contains("20191234"));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(accessLines(log))
                    .filteredOn(l -> l.contains("/console/saksjournal")).hasSizeGreaterThanOrEqualTo(4));
            assertThat(accessLines(log)).allMatch(l -> l.contains("/console/saksjournal") || l.contains("/console/logg-inn"));
            assertThat(log.all()).doesNotContain(PagesConsole.DUF).doesNotContain("Amina").doesNotContain("Hassan");
        }
    }

    @Test
    void opsSeeTheSameNoticesWithoutTheNameTheNumberOrTheContent() {
        String ola = console.login(PagesConsole.OPS);
        String csrf = PagesConsole.csrf(console.get("/console/saksjournal", ola).body());
        HttpResponse<String> r = await().atMost(Duration.ofSeconds(20)).until(
                () -> console.post("/console/saksjournal", ola, Map.of("csrf", csrf, "duf", PagesConsole.DUF)),
                x -> x.body().contains("police-oslo"));
        assertThat(r.body()).contains("police-oslo", "barnevern-oslo", "forvaltningsloven § 13 b nr. 5", "Saken du søkte etter")
                .doesNotContain("Amina").doesNotContain("Hassan").doesNotContain(PagesConsole.DUF)
                .doesNotContain("Asthma").doesNotContain("Storo");
    }

    @Test
    void staffAreRefusedOnAllThreePages() {
        String siri = console.login(PagesConsole.STAFF);
        String csrf = PagesConsole.csrf(console.get("/console/oppgaver", siri).body());
        for (String path : List.of("/console/saksjournal", "/console/karantene", "/console/karantene/" + quarantined,
                "/console/karantene/side/" + quarantined, "/console/oppsett")) {
            assertThat(console.get(path, siri).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(console.post("/console/saksjournal", siri, Map.of("csrf", csrf, "duf", PagesConsole.DUF)).statusCode()).isEqualTo(403);
        assertThat(console.post("/console/oppsett", siri, Map.of("csrf", csrf, "hendelse", "{}")).statusCode()).isEqualTo(403);
    }

    @Test
    void onlyOpsPiiSeeTheQuarantinedBytes() {
        String ola = console.login(PagesConsole.OPS);
        String kari = console.login(PagesConsole.OPS_PII);
        HttpResponse<String> listed = console.get("/console/karantene", ola);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("href=\"/console/karantene/" + quarantined + "\"", "CONTRACT_VIOLATION", "/data/person/dufNumber")
                .doesNotContain("Amina");
        HttpResponse<String> asOps = console.get("/console/karantene/" + quarantined, ola);
        HttpResponse<String> asPii = console.get("/console/karantene/" + quarantined, kari);
        assertThat(asOps.statusCode()).isEqualTo(200);
        assertThat(asOps.body()).contains("/data/person/dufNumber", "vises bare for rollen ops-pii")
                .doesNotContain("Amina").doesNotContain("Asthma").doesNotContain("<pre");
        assertThat(asPii.body()).contains("<pre class=\"raw\">", "Amina", "Asthma; uses an inhaler daily.");
        assertThat(console.get("/console/karantene/999999", kari).statusCode()).isEqualTo(404);
        assertThat(console.get("/console/karantene/side/x1", kari).statusCode()).isIn(400, 404);
    }

    @Test
    void quarantinedBytesAreShownEscaped() throws Exception {
        HttpResponse<String> r = console.hub.post("/api/v1/events", "application/cloudevents+json",
                "<script>alert('x')</script>".getBytes(StandardCharsets.UTF_8), TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).isEqualTo(400);
        long id = JSON.readTree(console.hub.get("/api/v1/quarantine", TestHub.OPS_KEY).body()).path("entries").get(0).path("id").asLong();
        HttpResponse<String> page = console.get("/console/karantene/" + id, console.login(PagesConsole.OPS_PII));
        assertThat(page.body()).contains("&lt;script&gt;alert(").doesNotContain("<script>");
    }

    @Test
    void formsWithoutTheSessionsCsrfTokenAreRefused() {
        String kari = console.login(PagesConsole.OPS_PII);
        HttpResponse<String> journal = console.post("/console/saksjournal", kari, Map.of("duf", PagesConsole.DUF));
        HttpResponse<String> explain = console.post("/console/oppsett", kari, Map.of("hendelse", "{}"));
        HttpResponse<String> forged = console.post("/console/saksjournal", kari, Map.of("csrf", "B".repeat(43), "duf", PagesConsole.DUF));
        for (HttpResponse<String> r : List.of(journal, explain, forged)) {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("sikkerhetskode").doesNotContain("police-oslo").doesNotContain("Amina");
        }
    }

    @Test
    void explainTellsInNorwegianWhatIsWrongWithAPastedEvent() throws Exception {
        String ola = console.login(PagesConsole.OPS);
        HttpResponse<String> page = console.get("/console/oppsett", ola);
        assertThat(page.body()).contains("police-oslo", "O21", "forvaltningsloven § 13 b nr. 5");
        String csrf = PagesConsole.csrf(page.body());
        HttpResponse<String> notJson = console.post("/console/oppsett", ola, Map.of("csrf", csrf, "hendelse", "{\"id\": "));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("Teksten er ikke en gyldig hendelse", "ikke gyldig JSON");
        String broken = java.nio.file.Files.readString(PagesConsole.MISSING).replace("\"201912345678\"", "\"123\"");
        HttpResponse<String> refused = console.post("/console/oppsett", ola, Map.of("csrf", csrf, "hendelse", broken));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Kontrakten avviser hendelsen", "Ved /data/person/dufNumber");
        HttpResponse<String> empty = console.post("/console/oppsett", ola, Map.of("csrf", csrf, "hendelse", "  "));
        assertThat(empty.body()).contains("Feltet er tomt");
    }

    private static List<String> urls(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = URLS.matcher(html);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static List<String> accessLines(LogCapture log) {
        return log.lines().stream().filter(l -> l.startsWith("no.budstikke.access ")).toList();
    }
}
