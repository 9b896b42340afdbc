package no.budstikke.console.auth;

import static no.budstikke.console.auth.ConsoleAccess.Decision.BAD_CSRF;
import static no.budstikke.console.auth.ConsoleAccess.Decision.FORBIDDEN;
import static no.budstikke.console.auth.ConsoleAccess.Decision.LOGIN;
import static no.budstikke.console.auth.ConsoleAccess.Decision.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleAccessTest {

    private static final String TOKEN = Tokens.random();
    private static final Optional<Viewer> STAFF = viewer(Role.STAFF);
    private static final Optional<Viewer> OPS = viewer(Role.OPS);
    private static final Optional<Viewer> NOBODY = Optional.empty();

    private static Optional<Viewer> viewer(Role role) {
        return Optional.of(new Viewer(new Person("p", Set.of(role)), TOKEN));
    }

    @Test
    void withoutASessionOnlyTheLoginPageAndStaticFilesOpen() {
        assertThat(ConsoleAccess.decide("GET", "/console/logg-inn", NOBODY, null)).isEqualTo(PASS);
        assertThat(ConsoleAccess.decide("POST", "/console/logg-inn", NOBODY, null)).isEqualTo(PASS);
        assertThat(ConsoleAccess.decide("GET", "/console/static/console.css", NOBODY, null)).isEqualTo(PASS);
        for (String path : new String[] {"/console", "/console/", "/console/oppgaver", "/console/varsler", "/console/logg-ut",
                "/console/logg-inn/../varsler", "/console/ukjent"}) {
            assertThat(ConsoleAccess.decide("GET", path, NOBODY, null)).as(path).isEqualTo(LOGIN);
        }
        assertThat(ConsoleAccess.decide("POST", "/console/varsler/kvitter", NOBODY, TOKEN)).isEqualTo(LOGIN);
    }

    @Test
    void staffHaveTheTasksOnly() {
        assertThat(ConsoleAccess.decide("GET", "/console/oppgaver", STAFF, null)).isEqualTo(PASS);
        assertThat(ConsoleAccess.decide("POST", "/console/oppgaver/kvitter", STAFF, TOKEN)).isEqualTo(PASS);
        assertThat(ConsoleAccess.decide("GET", "/console", STAFF, null)).isEqualTo(FORBIDDEN);
        assertThat(ConsoleAccess.decide("GET", "/console/varsler", STAFF, null)).isEqualTo(FORBIDDEN);
        assertThat(ConsoleAccess.decide("POST", "/console/varsler/kvitter", STAFF, TOKEN)).isEqualTo(FORBIDDEN);
        assertThat(ConsoleAccess.decide("GET", "/console/oppgaverX", STAFF, null)).isEqualTo(FORBIDDEN);
        assertThat(ConsoleAccess.home(STAFF.get().person())).isEqualTo("/console/oppgaver");
    }

    @Test
    void opsHaveEveryPage() {
        for (String path : new String[] {"/console", "/console/oppgaver", "/console/varsler"}) {
            assertThat(ConsoleAccess.decide("GET", path, OPS, null)).as(path).isEqualTo(PASS);
        }
        assertThat(ConsoleAccess.home(OPS.get().person())).isEqualTo("/console");
    }

    @Test
    void aFormPassesOnlyWithTheSessionsOwnCsrfToken() {
        assertThat(ConsoleAccess.decide("POST", "/console/varsler/kvitter", OPS, TOKEN)).isEqualTo(PASS);
        assertThat(ConsoleAccess.decide("POST", "/console/varsler/kvitter", OPS, null)).isEqualTo(BAD_CSRF);
        assertThat(ConsoleAccess.decide("POST", "/console/varsler/kvitter", OPS, "")).isEqualTo(BAD_CSRF);
        assertThat(ConsoleAccess.decide("POST", "/console/varsler/kvitter", OPS, Tokens.random())).isEqualTo(BAD_CSRF);
        assertThat(ConsoleAccess.decide("POST", "/console/logg-ut", OPS, TOKEN.substring(1))).isEqualTo(BAD_CSRF);
        assertThat(ConsoleAccess.decide("PUT", "/console/varsler/kvitter", OPS, null)).isEqualTo(BAD_CSRF);
    }
}
