package no.budstikke.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionCookieTest {

    @Test
    void theCookieIsHttpOnlySecureStrictAndForTheConsoleOnly() {
        String id = Tokens.random();
        String set = SessionCookie.set(id, new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(12)));
        assertThat(set).isEqualTo("budstikke_console=" + id + "; Path=/console; HttpOnly; Secure; SameSite=Strict; Max-Age=43200");
        assertThat(SessionCookie.cleared()).startsWith("budstikke_console=;").endsWith("Max-Age=0");
    }

    @Test
    void onlyOneWellFormedIdIsRead() {
        String id = Tokens.random();
        assertThat(SessionCookie.read("a=b; budstikke_console=" + id + "; c=d")).hasValue(id);
        assertThat(SessionCookie.read("budstikke_console=" + id + "; budstikke_console=" + Tokens.random())).isEmpty();
        assertThat(SessionCookie.read("budstikke_console=kort")).isEmpty();
        assertThat(SessionCookie.read("budstikke_console=" + id.substring(1) + "'")).isEmpty();
        assertThat(SessionCookie.read(null)).isEmpty();
    }
}
