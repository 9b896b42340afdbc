package no.budstikke.store;

import static no.budstikke.store.ReadModelRows.delivered;
import static no.budstikke.store.ReadModelRows.dead;
import static no.budstikke.store.ReadModelRows.held;
import static no.budstikke.store.ReadModelRows.retry;
import static no.budstikke.store.ReadModelRows.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import no.budstikke.model.Channel;
import no.budstikke.model.Priority;
import no.budstikke.testing.TestDatabases.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The office overview on both databases: what counts as waiting, dead and recently delivered, per office. */
class OfficeOverviewIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void countsWaitingDeadAndRecentlyDeliveredNoticesPerOffice(Kind kind) throws Exception {
        try (ReadModelRows db = new ReadModelRows(kind, dir)) {
            // Delivered 25 hours ago: history, not today's work.
            db.at(Duration.ofHours(-26));
            String old = db.notice("O1", "office-b", Priority.NORMAL);
            db.at(Duration.ofHours(-25));
            db.send(Map.of(old, delivered("r-old")));

            // office-a: one waiting for its retry, one dead.
            db.at(Duration.ofHours(-5));
            String retrying = db.notice("O2", "office-a", Priority.NORMAL);
            String deadLetter = db.notice("O3", "office-a", Priority.URGENT);
            db.send(Map.of(retrying, retry("http 503", Duration.ofHours(6)), deadLetter, dead("http 400")));

            // office-b: two delivered today, one cancelled, one staff task; office-c: one being sent.
            db.at(Duration.ofHours(-2));
            String b1 = db.notice("O4", "office-b", Priority.HIGH);
            String b2 = db.notice("O5", "office-b", Priority.NORMAL);
            String sending = db.notice("O6", "office-c", Priority.NORMAL);
            db.send(Map.of(b1, delivered("r-1"), b2, delivered("r-2"), sending, held()));
            String cancelled = db.notice("O7", "office-b", Priority.NORMAL);
            assertThat(db.outbox.act(NoticeAction.CANCEL, cancelled, "person:kari", db.now())).isTrue();
            db.rows.notice(db.eventKey(), "O8", "office-b", Priority.NORMAL, Channel.TASK);

            // office-a: two more due, created after the retrying one.
            db.at(Duration.ofHours(-3));
            db.notice("O9", "office-a", Priority.NORMAL);
            db.at(Duration.ofHours(-1));
            db.notice("O10", "office-a", Priority.HIGH);

            db.at(Duration.ZERO);
            assertThat(new OfficeOverview(db.transactions, db.clock).offices()).containsExactly(
                    new OfficeOverview.Office("office-a", 3, t(Duration.ofHours(-5)), Duration.ofHours(5), 1, 0),
                    new OfficeOverview.Office("office-b", 0, null, null, 0, 2));

            // A day later the deliveries are history too, and the backlog has aged.
            db.at(Duration.ofHours(23));
            assertThat(new OfficeOverview(db.transactions, db.clock).offices()).containsExactly(
                    new OfficeOverview.Office("office-a", 3, t(Duration.ofHours(-5)), Duration.ofHours(28), 1, 0));
        }
    }
}
