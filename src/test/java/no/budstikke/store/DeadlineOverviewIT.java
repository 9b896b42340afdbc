package no.budstikke.store;

import static no.budstikke.store.ReadModelRows.T0;
import static no.budstikke.store.ReadModelRows.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import no.budstikke.model.DeadlineClock;
import no.budstikke.store.DeadlineOverview.Overview;
import no.budstikke.store.DeadlineOverview.Run;
import no.budstikke.store.DeadlineOverview.Standing;
import no.budstikke.testing.TestDatabases.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The deadline overview on both databases: running, at risk and breached runs, and what it leaves out. */
class DeadlineOverviewIT {

    @TempDir
    Path dir;

    private final DeadlineRuns runs = new DeadlineRuns();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void showsRunningAtRiskAndBreachedRunsWithTheirDueTimes(Kind kind) throws Exception {
        try (ReadModelRows db = new ReadModelRows(kind, dir)) {
            String event = db.eventKey();
            long calm = start(db, "calm", "D1", Duration.ofHours(-1), Duration.ofHours(5), Duration.ofHours(10));
            long atRisk = start(db, "at-risk", "D2", Duration.ofHours(-20), Duration.ofHours(-1), Duration.ofHours(2));
            long overdue = start(db, "overdue", "D3", Duration.ofHours(-30), Duration.ofHours(-10), Duration.ofHours(-1));
            long breached = start(db, "breached", "D4", Duration.ofHours(-40), Duration.ofHours(-20), Duration.ofHours(-5));
            long metLate = start(db, "met-late", "D5", Duration.ofHours(-50), Duration.ofHours(-30), Duration.ofHours(-6));
            long met = start(db, "met", "D6", Duration.ofHours(-8), Duration.ofHours(-4), Duration.ofHours(4));
            db.transactions.inTransaction(tx -> {
                runs.breached(tx, breached, T0.minus(Duration.ofHours(4)), null, null);
                runs.breached(tx, metLate, T0.minus(Duration.ofHours(5)), T0.minus(Duration.ofHours(3)), "late-event");
                runs.met(tx, met, T0.minus(Duration.ofHours(2)), "closing-event");
                return null;
            });

            Overview o = new DeadlineOverview(db.transactions, db.clock).overview(10);
            assertThat(o.runs()).containsExactly(
                    new Run(overdue, "D3", event, null, 1, t(Duration.ofHours(-30)), t(Duration.ofHours(-10)), t(Duration.ofHours(-1)),
                            Standing.BREACHED, null),
                    new Run(atRisk, "D2", event, null, 1, t(Duration.ofHours(-20)), t(Duration.ofHours(-1)), t(Duration.ofHours(2)),
                            Standing.AT_RISK, null),
                    new Run(calm, "D1", event, null, 1, t(Duration.ofHours(-1)), t(Duration.ofHours(5)), t(Duration.ofHours(10)),
                            Standing.RUNNING, null),
                    new Run(breached, "D4", event, "region-breached", 1, t(Duration.ofHours(-40)), t(Duration.ofHours(-20)),
                            t(Duration.ofHours(-5)), Standing.BREACHED, t(Duration.ofHours(-4))));
            assertThat(o.running()).isEqualTo(1);
            assertThat(o.atRisk()).isEqualTo(1);
            assertThat(o.breached()).isEqualTo(2);

            // The limit bounds each list, not the counts.
            Overview one = new DeadlineOverview(db.transactions, db.clock).overview(1);
            assertThat(one.runs()).extracting(Run::id).containsExactly(overdue, breached);
            assertThat(one.atRisk()).isEqualTo(1);
            assertThat(one.breached()).isEqualTo(2);

            // Five hours on, the calm one is at risk and the at-risk one overdue.
            db.at(Duration.ofHours(5));
            Overview later = new DeadlineOverview(db.transactions, db.clock).overview(10);
            assertThat(later.runs()).extracting(Run::standing)
                    .containsExactly(Standing.BREACHED, Standing.BREACHED, Standing.AT_RISK, Standing.BREACHED);
            assertThat(later.running()).isZero();
            assertThat(later.atRisk()).isEqualTo(1);
            assertThat(later.breached()).isEqualTo(3);

            assertThatThrownBy(() -> new DeadlineOverview(db.transactions, db.clock).overview(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 200");
        }
    }

    private long start(ReadModelRows db, String key, String deadlineId, Duration started, Duration atRisk, Duration due) {
        DeadlineClock.Times times = new DeadlineClock.Times(at(started), at(due), at(atRisk));
        String region = key.equals("breached") ? "region-breached" : null;
        return db.transactions.inTransaction(tx -> runs.start(tx, key, deadlineId, db.eventKey(), null, region, 1, times, at(started)))
                .orElseThrow();
    }

    private static Instant at(Duration offset) {
        return T0.plus(offset);
    }
}
