package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.Office;
import no.budstikke.testing.OfficeServers;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 8: no metric label comes from personal data. Relocations are planned for residents
 * whose representatives are canaries (each a name, e-mail and phone of their own); the notices go by
 * mail to GreenMail. The real {@code /observe/metrics} must hold no canary, nor any hex prefix of a
 * canary address's hash, and sending to more persons must add no series.
 */
class MetricLabelsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})?\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path dir;

    private OfficeServers offices;
    private TestHub hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) hub.close();
        if (offices != null) offices.close();
    }

    @Test
    void metricLabelsNameOfficesAndRolesNeverPersonsAndMorePersonsAddNoSeries() throws Exception {
        offices = OfficeServers.start(dir);
        Path config = offices.configFolder(dir.resolve("offices"));
        Map<String, String> p = offices.hubSettings(dir.resolve("hub"), config);
        p.put("budstikke.delivery.metrics-ms", "200");
        hub = TestHub.start(p);

        List<String> canaries = new ArrayList<>();
        for (int i = 0; i < 2; i++) send(i, canaries);
        Map<String, String> first = awaitSettled(2);
        for (int i = 2; i < 6; i++) send(i, canaries);
        Map<String, String> second = awaitSettled(6);

        // The same offices were told: the hub's series are the same, however many persons there were.
        assertThat(budstikke(second).keySet()).isEqualTo(budstikke(first).keySet());

        Set<String> officeLabels = new TreeSet<>();
        for (Office o : HubConfigLoader.load(config).directory().offices()) officeLabels.add(o.id());
        officeLabels.addAll(List.of("contact:representative", "contact:lawyer"));
        for (String series : second.keySet()) {
            for (Map.Entry<String, String> label : labels(series).entrySet()) {
                if (series.startsWith("budstikke_") && label.getKey().equals("office")) {
                    assertThat(officeLabels).as(series).contains(label.getValue());
                }
                if (series.startsWith("budstikke_") && label.getKey().equals("channel")) {
                    assertThat(label.getValue()).as(series).isIn("mail", "http", "sftp", "task");
                }
                String value = label.getValue().toLowerCase(Locale.ROOT);
                for (String canary : canaries) {
                    assertThat(value).as("label %s of %s", label.getKey(), series).doesNotContain(canary.toLowerCase(Locale.ROOT));
                }
            }
        }
        String text = hub.getManagement("/observe/metrics").body().toLowerCase(Locale.ROOT);
        for (String canary : canaries) assertThat(text).doesNotContain(canary.toLowerCase(Locale.ROOT));
    }

    /** Posts a relocation for resident {@code i}, whose representative is a canary; records the canaries and their hash prefixes. */
    private void send(int i, List<String> canaries) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(
                Path.of("src/test/resources/events/valid/no.udi.mot.resident.relocation-planned.v1.json")));
        String name = "Kanarifugl" + i + " Zqxvy";
        String email = "kanari" + i + ".zqxvy@fuglekasse.example.org";
        String phone = "+47990011" + (10 + i);
        String duf = "20250909" + (1000 + i);
        event.put("id", "canary-metrics-" + i);
        ((ObjectNode) event.path("data").path("person")).put("dufNumber", duf).put("givenName", "Gjøk" + i + "qx");
        ((ObjectNode) event.path("data")).putObject("caseContext").putObject("representative")
                .put("name", name).put("email", email).put("phone", phone);
        canaries.addAll(List.of("Kanarifugl" + i, "kanari" + i + ".zqxvy", "fuglekasse", "990011" + (10 + i), duf, "Gjøk" + i + "qx"));
        // A label holding any hex prefix of the address's hash (eight digits is already one per person) derives from it.
        for (String key : List.of(email, email.toLowerCase(Locale.ROOT), phone)) canaries.add(sha256(key).substring(0, 8));
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json",
                JSON.writeValueAsBytes(event), TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    /** Waits until every representative has their mail and nothing is waiting; returns the series then. */
    private Map<String, String> awaitSettled(int representatives) {
        Map<String, String>[] series = new Map[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            long toRepresentatives = 0;
            for (MimeMessage m : offices.smtp.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().contains("fuglekasse")) toRepresentatives++;
            }
            assertThat(toRepresentatives).isEqualTo(representatives);
            HttpResponse<String> r = hub.getManagement("/observe/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            Map<String, String> s = parse(r.body());
            assertThat(s.entrySet()).filteredOn(e -> e.getKey().startsWith("budstikke_notices_delivered_total{")
                            && labels(e.getKey()).equals(Map.of("channel", "mail", "office", "contact:representative")))
                    .singleElement().satisfies(e -> assertThat(Double.parseDouble(e.getValue())).isEqualTo(representatives));
            // Each relocation goes to UDI by HTTP as well; the outbox gauge alone can lag behind dispatch.
            assertThat(s.entrySet()).filteredOn(e -> e.getKey().startsWith("budstikke_notices_delivered_total{")
                            && labels(e.getKey()).equals(Map.of("channel", "http", "office", "udi-region-ost")))
                    .singleElement().satisfies(e -> assertThat(Double.parseDouble(e.getValue())).isEqualTo(representatives));
            assertThat(s.entrySet()).filteredOn(e -> e.getKey().startsWith("budstikke_outbox_pending"))
                    .allSatisfy(e -> assertThat(Double.parseDouble(e.getValue())).as(e.getKey()).isZero());
            // The follow-up and config gauges appear with the first metrics pass, one second after the start:
            // a hub that settles sooner must not count them as new series in the second look.
            assertThat(s).containsKeys("budstikke_tasks_open", "budstikke_config_behind");
            series[0] = s;
        });
        return series[0];
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> s = new java.util.TreeMap<>();
        Matcher m = SERIES.matcher(text);
        while (m.find()) {
            if (!m.group(0).startsWith("#")) s.put(m.group(1) + (m.group(2) == null ? "" : "{" + m.group(2) + "}"), m.group(3));
        }
        return s;
    }

    /**
     * The hub's series, without the outbox gauges: those appear for an office once a metrics pass
     * sees a notice waiting for it, which depends on timing, not on persons (their labels are checked apart).
     */
    private static Map<String, String> budstikke(Map<String, String> series) {
        Map<String, String> b = new java.util.TreeMap<>(series);
        b.keySet().removeIf(k -> !k.startsWith("budstikke_") || k.startsWith("budstikke_outbox_"));
        return b;
    }

    private static Map<String, String> labels(String series) {
        Map<String, String> l = new java.util.TreeMap<>();
        int brace = series.indexOf('{');
        if (brace < 0) return l;
        Matcher m = LABEL.matcher(series.substring(brace));
        while (m.find()) l.put(m.group(1), m.group(2));
        return l;
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
