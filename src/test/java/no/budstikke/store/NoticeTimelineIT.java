package no.budstikke.store;

import static no.budstikke.store.ReadModelRows.dead;
import static no.budstikke.store.ReadModelRows.delivered;
import static no.budstikke.store.ReadModelRows.retry;
import static no.budstikke.store.ReadModelRows.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.budstikke.store.NoticeTimeline.Kind;
import no.budstikke.store.NoticeTimeline.Step;
import no.budstikke.store.NoticeTimeline.Timeline;
import no.budstikke.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One notice's timeline on both databases: created, attempts, ops actions and receipt, in the order they happened. */
class NoticeTimelineIT {

    private static final String BASIS = "barnevernsloven § 13-9";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aDeadNoticeReplayedByAPersonShowsEveryAttemptTheReplayAndItsReceipt(TestDatabases.Kind kind) throws Exception {
        try (ReadModelRows db = new ReadModelRows(kind, dir)) {
            String id = db.notice("O12", "office-a", BASIS, List.of("/data/person/name", "/data/health"));
            String other = db.notice("O13", "office-a", BASIS, List.of());

            db.at(Duration.ofMinutes(1));
            // Another notice of the event, whose attempt is not in this notice's timeline.
            db.send(Map.of(id, retry("http 503", Duration.ofMinutes(2)), other, delivered("r-other")));
            db.at(Duration.ofMinutes(5));
            db.send(Map.of(id, dead("http 400")));
            db.at(Duration.ofMinutes(10));
            assertThat(db.outbox.act(NoticeAction.REPLAY, id, "person:kari", db.now())).isTrue();
            db.at(Duration.ofMinutes(11));
            db.send(Map.of(id, delivered("r-1")));

            Timeline tl = new NoticeTimeline(db.transactions).of(id).orElseThrow();
            assertThat(tl.noticeId()).isEqualTo(id);
            assertThat(tl.eventKey()).isEqualTo(db.eventKey());
            assertThat(tl.duty()).isEqualTo("O12");
            assertThat(tl.officeId()).isEqualTo("office-a");
            assertThat(tl.priority()).isEqualTo("HIGH");
            assertThat(tl.purpose()).isEqualTo("follow-up");
            assertThat(tl.legalBasis()).isEqualTo(BASIS);
            assertThat(tl.removedFields()).containsExactly("/data/person/name", "/data/health");
            assertThat(tl.status()).isEqualTo(NoticeStatus.DELIVERED);
            assertThat(tl.attempts()).isEqualTo(1); // a replay starts a fresh retry budget
            assertThat(tl.deliveredAt()).isEqualTo(t(Duration.ofMinutes(11)));
            assertThat(tl.receipt()).isEqualTo("r-1");
            assertThat(tl.lastError()).isEqualTo("http 400");
            assertThat(tl.steps()).containsExactly(
                    new Step(t(Duration.ZERO), Kind.CREATED, null, "HTTP", null, null, null, null),
                    new Step(t(Duration.ofMinutes(1)), Kind.ATTEMPT, 1, "HTTP", "RETRY", "http 503", null, t(Duration.ofMinutes(3))),
                    new Step(t(Duration.ofMinutes(5)), Kind.ATTEMPT, 2, "HTTP", "DEAD", "http 400", null, null),
                    new Step(t(Duration.ofMinutes(10)), Kind.ACTION, null, null, "REPLAY", null, "person:kari", null),
                    new Step(t(Duration.ofMinutes(11)), Kind.ATTEMPT, 1, "HTTP", "DELIVERED", "r-1", null, null),
                    new Step(t(Duration.ofMinutes(11)), Kind.DELIVERED, null, "HTTP", null, "r-1", null, null));

            assertThat(new NoticeTimeline(db.transactions).of(other).orElseThrow().steps()).extracting(Step::kind)
                    .containsExactly(Kind.CREATED, Kind.ATTEMPT, Kind.DELIVERED);
            assertThat(new NoticeTimeline(db.transactions).of("0".repeat(32))).isEmpty();
        }
    }
}
