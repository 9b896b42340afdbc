package no.budstikke.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's gate over plain HTTP: sessions, roles, CSRF tokens, the cookie and the security headers. */
class ConsoleSecurityIT {

    @TempDir
    static Path dir;
    static ConsoleHub console;

    @BeforeAll
    static void start() throws Exception {
        console = ConsoleHub.start(dir);
    }

    @AfterAll
    static void stop() {
        if (console != null) console.close();
    }

    @Test
    void noPageOpensWithoutASession() {
        for (String path : List.of("/console", "/console/oppgaver", "/console/varsler")) {
            HttpResponse<String> r = console.get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(path).hasValue("/console/logg-inn");
        }
        assertThat(console.post("/console/varsler/kvitter", null, Map.of("varsel", "1")).statusCode()).isEqualTo(303);
        assertThat(console.get("/console", "budstikke_console=" + "A".repeat(43)).statusCode()).isEqualTo(303);
    }

    @Test
    void theLoginPageAndStylesheetOpenWithoutASession() {
        HttpResponse<String> login = console.get("/console/logg-inn", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<label for=\"navn\">", "<label for=\"passord\">");
        HttpResponse<String> css = console.get("/console/static/console.css", null);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
    }

    @Test
    void theSessionCookieIsHttpOnlySecureAndStrict() {
        HttpResponse<String> r = console.post("/console/logg-inn", null, Map.of("navn", ConsoleHub.OPS, "passord", ConsoleHub.PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/console");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("budstikke_console=").contains("; HttpOnly", "; Secure", "; SameSite=Strict", "; Path=/console");
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameAnswer() {
        HttpResponse<String> wrong = console.post("/console/logg-inn", null, Map.of("navn", ConsoleHub.OPS, "passord", "feil"));
        HttpResponse<String> unknown = console.post("/console/logg-inn", null, Map.of("navn", "ukjent", "passord", "feil"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(wrong.body()).isEqualTo(unknown.body());
    }

    @Test
    void staffSeeTheTasksButNeitherTheAlertsNorTheOverview() {
        String staff = console.login(ConsoleHub.STAFF);
        HttpResponse<String> tasks = console.get("/console/oppgaver", staff);
        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(tasks.body()).doesNotContain("href=\"/console/varsler\"");
        assertThat(console.get("/console/varsler", staff).statusCode()).isEqualTo(403);
        assertThat(console.get("/console", staff).statusCode()).isEqualTo(403);
        String csrf = ConsoleHub.csrf(tasks.body());
        assertThat(console.post("/console/varsler/kvitter", staff, Map.of("csrf", csrf, "varsel", "1")).statusCode()).isEqualTo(403);
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefused() {
        String ops = console.login(ConsoleHub.OPS);
        String csrf = ConsoleHub.csrf(console.get("/console/varsler", ops).body());
        HttpResponse<String> none = console.post("/console/varsler/kvitter", ops, Map.of("varsel", "1"));
        HttpResponse<String> wrong = console.post("/console/varsler/kvitter", ops, Map.of("csrf", "B".repeat(43), "varsel", "1"));
        String otherSession = ConsoleHub.csrf(console.get("/console/varsler", console.login(ConsoleHub.OPS_PII)).body());
        HttpResponse<String> others = console.post("/console/varsler/kvitter", ops, Map.of("csrf", otherSession, "varsel", "1"));
        assertThat(List.of(none.statusCode(), wrong.statusCode(), others.statusCode())).containsOnly(403);
        assertThat(none.body()).contains("sikkerhetskode");
        // With the right token the same form gets through the gate: no such alert.
        assertThat(console.post("/console/varsler/kvitter", ops, Map.of("csrf", csrf, "varsel", "999999")).statusCode()).isEqualTo(404);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        String ops = console.login(ConsoleHub.OPS);
        List<HttpResponse<String>> answers = List.of(console.get("/console/logg-inn", null), console.get("/console", null),
                console.get("/console", ops), console.get("/console/oppgaver", ops), console.get("/console/varsler", ops),
                console.get("/console/static/console.css", null), console.get("/console", console.login(ConsoleHub.STAFF)),
                console.post("/console/varsler/kvitter", ops, Map.of("varsel", "1")),
                console.post("/console/logg-inn", null, Map.of("navn", "x", "passord", "y")));
        for (HttpResponse<String> r : answers) {
            String what = r.request().method() + " " + r.uri().getPath() + " " + r.statusCode();
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(what).hasValue(ConsoleHtml.CSP);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
            assertThat(r.headers().firstValue("Cache-Control")).as(what).hasValue("no-store");
        }
    }

    @Test
    void logoutEndsTheSession() {
        String ops = console.login(ConsoleHub.OPS);
        String csrf = ConsoleHub.csrf(console.get("/console", ops).body());
        HttpResponse<String> out = console.post("/console/logg-ut", ops, Map.of("csrf", csrf));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElse("")).contains("Max-Age=0");
        assertThat(console.get("/console", ops).statusCode()).isEqualTo(303);
    }

    @Test
    void aFormTooLargeIsRefused() {
        String ops = console.login(ConsoleHub.OPS);
        String csrf = ConsoleHub.csrf(console.get("/console", ops).body());
        Map<String, String> form = new java.util.HashMap<>(Map.of("csrf", csrf));
        for (int i = 0; i < 5; i++) form.put("felt" + i, "x".repeat(4000));
        HttpResponse<String> r = console.post("/console/oppgaver/kvitter", ops, form);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleHtml.CSP);
        // One field over Vert.x's own limit (8 KiB) is refused before the gate sees it.
        assertThat(console.post("/console/oppgaver/kvitter", ops, Map.of("csrf", csrf, "notat", "x".repeat(9000))).statusCode())
                .isEqualTo(400);
    }
}
