package no.budstikke.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import no.budstikke.store.ConsoleSessions;
import no.budstikke.store.Database;
import no.budstikke.store.Transactions;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sessions in a real database, H2 and PostgreSQL: only the id's hash is stored, and ended sessions are refused and purged. */
class ConsoleSessionsIT {

    @TempDir
    Path dir;
    private final TestClock clock = TestClock.at("2026-11-20T08:00:00Z");
    private Database db;
    private ConsoleSessions store;
    private Sessions sessions;

    private void open(Kind kind) {
        db = Database.open(TestDatabases.freshUrl(kind, dir), null, null, dir, 2);
        store = new ConsoleSessions(new Transactions(db.dataSource()));
        sessions = new Sessions(store, new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(12)), clock);
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSessionIsFoundByItsIdWhileInUseAndOnlyItsHashIsStored(Kind kind) {
        open(kind);
        Sessions.Opened opened = sessions.open(new Person("kari", Set.of(Role.OPS, Role.STAFF)));
        assertThat(store.find(opened.id())).as("the id itself is no key").isEmpty();
        ConsoleSessions.Row row = store.find(Tokens.sha256Hex(opened.id())).orElseThrow();
        assertThat(row.roles()).isEqualTo("ops,staff");
        assertThat(row.csrfToken()).isEqualTo(opened.viewer().csrfToken());

        // In use every 20 minutes for 11 hours 40 minutes: alive, with the same CSRF token.
        for (int i = 0; i < 35; i++) {
            clock.advance(Duration.ofMinutes(20));
            Viewer viewer = sessions.resolve(opened.id()).orElseThrow();
            assertThat(viewer.person().name()).isEqualTo("kari");
            assertThat(viewer.person().roles()).containsExactlyInAnyOrder(Role.OPS, Role.STAFF);
            assertThat(viewer.csrfToken()).isEqualTo(opened.viewer().csrfToken());
        }
        // ... until its lifetime is up, however busy.
        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.resolve(opened.id())).isEmpty();
        assertThat(store.find(Tokens.sha256Hex(opened.id()))).as("deleted when refused").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anIdleSessionIsRefusedAndEndedOnesArePurged(Kind kind) {
        open(kind);
        Sessions.Opened idle = sessions.open(new Person("ola", Set.of(Role.OPS)));
        clock.advance(Duration.ofMinutes(20));
        Sessions.Opened busy = sessions.open(new Person("siri", Set.of(Role.STAFF)));
        clock.advance(Duration.ofMinutes(11)); // idle: 31 minutes; busy: 11
        assertThat(sessions.purge()).isEqualTo(1);
        assertThat(sessions.resolve(idle.id())).isEmpty();
        assertThat(sessions.resolve(busy.id())).isPresent();
        assertThat(sessions.resolve("not-a-session-id")).isEmpty();
        assertThat(sessions.resolve(Tokens.random())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void logoutDeletesTheSession(Kind kind) {
        open(kind);
        Sessions.Opened opened = sessions.open(new Person("kari", Set.of(Role.OPS_PII)));
        sessions.close(opened.id());
        assertThat(sessions.resolve(opened.id())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTasksNotesAreKeptInOrder(Kind kind) {
        open(kind);
        store.note("n1", "person:kari", "Ringte, ingen svar.", java.time.OffsetDateTime.now(clock));
        store.note("n1", "person:ola", "Ringte igjen, fikk svar.", java.time.OffsetDateTime.now(clock));
        assertThat(store.notes(List.of("n1", "n2"))).extracting(ConsoleSessions.Note::note)
                .containsExactly("Ringte, ingen svar.", "Ringte igjen, fikk svar.");
        assertThat(store.notes(List.of())).isEmpty();
    }
}
