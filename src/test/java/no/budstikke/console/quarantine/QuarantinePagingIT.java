package no.budstikke.console.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.budstikke.console.journal.PagesConsole;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Karantene a page at a time: 50 entries, then "Eldre" continues below the last id shown, in the path. */
class QuarantinePagingIT {

    private static final Pattern ENTRY = Pattern.compile("href=\"/console/karantene/([0-9]+)\"");

    @TempDir
    Path dir;

    @Test
    void theNewestFiftyComeFirstAndEldreShowsTheRest() throws Exception {
        try (PagesConsole console = PagesConsole.start(dir)) {
            for (int i = 0; i < QuarantinePage.PAGE + 3; i++) {
                HttpResponse<String> r = console.hub.post("/api/v1/events", "application/cloudevents+json",
                        ("not json " + i).getBytes(StandardCharsets.UTF_8), TestHub.ALL_CENTRES_KEY);
                assertThat(r.statusCode()).isEqualTo(400);
            }
            String ola = console.login(PagesConsole.OPS);
            String first = console.get("/console/karantene", ola).body();
            assertThat(ids(first)).hasSize(QuarantinePage.PAGE).startsWith(53L, 52L).endsWith(4L);
            assertThat(first).contains("href=\"/console/karantene/side/4\"");
            HttpResponse<String> older = console.get("/console/karantene/side/4", ola);
            assertThat(older.statusCode()).isEqualTo(200);
            assertThat(ids(older.body())).containsExactly(3L, 2L, 1L);
            assertThat(older.body()).doesNotContain("/console/karantene/side/");
        }
    }

    private static java.util.List<Long> ids(String html) {
        java.util.List<Long> out = new java.util.ArrayList<>();
        Matcher m = ENTRY.matcher(html);
        while (m.find()) out.add(Long.parseLong(m.group(1)));
        return out;
    }
}
