package no.budstikke.console.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.budstikke.console.ConsoleHtml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notice and deadline pages behind the console's gate, over plain HTTP: staff see none of them
 * and cannot replay, a replay or cancel without the session's CSRF token is refused and changes
 * nothing, and what a person types into the search comes back escaped.
 */
class NoticeConsoleSecurityIT {

    @TempDir
    static Path dir;
    static NoticeConsole console;
    static String dead;

    @BeforeAll
    static void start() throws Exception {
        console = NoticeConsole.start(dir);
        dead = console.deadPoliceNotice();
    }

    @AfterAll
    static void stop() {
        if (console != null) console.close();
    }

    @Test
    void withoutASessionEachPageSendsToTheLogin() {
        for (String path : List.of("/console/meldinger", "/console/meldinger/" + dead, "/console/meldinger/" + dead + "/send-pa-nytt",
                "/console/frister")) {
            HttpResponse<String> r = console.get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(path).hasValue("/console/logg-inn");
        }
    }

    @Test
    void staffCanNeitherOpenThePagesNorReplay() throws Exception {
        String staff = console.login(NoticeConsole.STAFF);
        String csrf = NoticeConsole.csrf(console.get("/console/oppgaver", staff).body());
        for (String path : List.of("/console/meldinger", "/console/meldinger/" + dead, "/console/meldinger/" + dead + "/send-pa-nytt",
                "/console/frister")) {
            HttpResponse<String> r = console.get(path, staff);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).doesNotContain(dead);
        }
        HttpResponse<String> replay = console.post("/console/meldinger/" + dead + "/send-pa-nytt", staff, Map.of("csrf", csrf));
        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(console.post("/console/meldinger/" + dead + "/avbryt", staff, Map.of("csrf", csrf)).statusCode()).isEqualTo(403);
        assertThat(console.status(dead)).isEqualTo("DEAD");
        assertThat(console.get("/console/oppgaver", staff).body()).doesNotContain("href=\"/console/meldinger\"");
    }

    @Test
    void aReplayOrCancelWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String ops = console.login(NoticeConsole.OPS);
        String path = "/console/meldinger/" + dead + "/send-pa-nytt";
        HttpResponse<String> none = console.post(path, ops, Map.of());
        HttpResponse<String> wrong = console.post(path, ops, Map.of("csrf", "B".repeat(43)));
        String others = NoticeConsole.csrf(console.get("/console/meldinger", console.login(NoticeConsole.OPS_PII)).body());
        HttpResponse<String> another = console.post(path, ops, Map.of("csrf", others));
        HttpResponse<String> cancel = console.post("/console/meldinger/" + dead + "/avbryt", ops, Map.of());
        assertThat(List.of(none.statusCode(), wrong.statusCode(), another.statusCode(), cancel.statusCode())).containsOnly(403);
        assertThat(none.body()).contains("sikkerhetskode");
        assertThat(console.status(dead)).isEqualTo("DEAD");
        assertThat(console.get("/console/meldinger/" + dead, ops).body()).doesNotContain("Sendt på nytt");
        // The confirmation page's form is the one that carries the token.
        String confirm = console.get(path, ops).body();
        assertThat(confirm).contains("<form class=\"confirm\" method=\"post\" action=\"" + path + "\">");
        assertThat(NoticeConsole.csrf(confirm)).isNotEqualTo(others);
    }

    @Test
    void unknownNoticesActionsAndActionsTheStatusForbidsAreAnsweredPlainly() {
        String ops = console.login(NoticeConsole.OPS);
        String csrf = NoticeConsole.csrf(console.get("/console/meldinger", ops).body());
        assertThat(console.get("/console/meldinger/" + "0".repeat(32), ops).statusCode()).isEqualTo(404);
        assertThat(console.get("/console/meldinger/not-an-id", ops).statusCode()).isEqualTo(404);
        assertThat(console.get("/console/meldinger/" + dead + "/slett", ops).statusCode()).isEqualTo(404);
        assertThat(console.post("/console/meldinger/" + dead + "/slett", ops, Map.of("csrf", csrf)).statusCode()).isEqualTo(404);
        // A DEAD notice offers both actions, each through its confirmation page.
        HttpResponse<String> page = console.get("/console/meldinger/" + dead, ops);
        assertThat(page.body()).contains("href=\"/console/meldinger/" + dead + "/send-pa-nytt\"", "href=\"/console/meldinger/" + dead + "/avbryt\"");
    }

    @Test
    void theNoticeAndActionComeFromThePathNotFromTheQueryString() throws Exception {
        String ops = console.login(NoticeConsole.OPS);
        String unknown = "0".repeat(32);
        assertThat(console.get("/console/meldinger/" + unknown + "?notice=" + dead, ops).statusCode()).isEqualTo(404);
        assertThat(console.get("/console/meldinger/" + dead + "/slett?action=avbryt", ops).statusCode()).isEqualTo(404);
        String csrf = NoticeConsole.csrf(console.get("/console/meldinger", ops).body());
        assertThat(console.post("/console/meldinger/" + unknown + "/avbryt?notice=" + dead, ops, Map.of("csrf", csrf)).statusCode())
                .isEqualTo(404);
        assertThat(console.status(dead)).isEqualTo("DEAD");
    }

    @Test
    void whatIsTypedIntoTheSearchComesBackEscapedAndIsNotSearched() {
        String ops = console.login(NoticeConsole.OPS);
        HttpResponse<String> r = console.get("/console/meldinger?kontor=%3Cscript%3Ealert(1)%3C%2Fscript%3E&status=DEAD", ops);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("<script>").contains("value=\"&lt;script").contains("Kontor må være");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleHtml.CSP);
        HttpResponse<String> deadOnes = console.get("/console/meldinger?status=DEAD", ops);
        assertThat(deadOnes.statusCode()).isEqualTo(200);
        assertThat(deadOnes.body()).contains("href=\"/console/meldinger/" + dead + "\"");
        assertThat(console.get("/console/meldinger?status=DELIVERED&kontor=police-oslo", ops).body()).doesNotContain(dead);
    }
}
