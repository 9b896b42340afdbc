package no.budstikke.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import no.budstikke.alert.Alert;
import no.budstikke.deadline.DeadlineRules.Step;
import no.budstikke.dispatch.Conditions;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.CaseState;
import no.budstikke.model.Deadline;
import no.budstikke.model.DeadlineClock;
import no.budstikke.model.HubConfig;
import no.budstikke.model.NorwegianCalendar;
import no.budstikke.store.DeadlineRun;
import no.budstikke.store.DeadlineState;
import no.budstikke.store.NoticeStatus;
import no.budstikke.store.WatchedNotice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decisions of deadline tracking on the shipped configuration, without a database or a clock. */
class DeadlineRulesTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final String DUF = "202501010001";
    static Deadlines deadlines;
    static DeadlineRules rules;

    @BeforeAll
    static void load() {
        HubConfig config = HubConfigLoader.load(Path.of("config"));
        deadlines = new Deadlines(DeadlinesLoader.load(Path.of("config"), config.rules()));
        rules = new DeadlineRules(new DeadlineClock(new NorwegianCalendar()), new Conditions(config.directory()), config.directory());
    }

    static Instant oslo(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(OSLO).toInstant();
    }

    static DeadlineRules.Starts starts(ObjectNode event, String duf) {
        Instant time = DeadlineTracker.eventTime(event).orElseThrow();
        return rules.starts(deadlines.startedBy(event.path("type").asText()), "key-1", event, duf, time, CaseState.UNKNOWN);
    }

    static Deadline d(String id) {
        return deadlines.byId(id).orElseThrow();
    }

    static DeadlineRun run(String id, Instant start) {
        DeadlineClock.Times t = new DeadlineClock(new NorwegianCalendar()).compute(d(id), start);
        return DeadlineRun.started(7, id, "key-1", DUF, null, 1, t);
    }

    static WatchedNotice delivered(String id, String duty, Instant at) {
        return new WatchedNotice(id, duty, "office-" + id, NoticeStatus.DELIVERED, at);
    }

    static WatchedNotice waiting(String id, String duty, NoticeStatus status) {
        return new WatchedNotice(id, duty, "office-" + id, status, null);
    }

    // ------------------------------------------------------------------ starting

    @Test
    void aDisappearanceStartsD1ForItsOwnEventDueTwentyFourHoursAfterItsTime() {
        ObjectNode missing = Fixtures.example("missing");

        DeadlineRules.Starts s = starts(missing, "201912345678");

        assertThat(s.started()).extracting(x -> x.deadline().id()).containsExactly("D1");
        DeadlineRules.Start d1 = s.started().get(0);
        assertThat(d1.times().start()).isEqualTo(Instant.parse("2026-11-20T20:15:00Z"));
        assertThat(d1.times().dueAt()).isEqualTo(Instant.parse("2026-11-21T20:15:00Z"));
        assertThat(d1.times().atRiskAt()).isEqualTo(Instant.parse("2026-11-21T08:15:00Z"));
        assertThat(d1.openKey()).isEqualTo("D1:e:key-1");
    }

    @Test
    void aDecisionThatGroundsSettlementStartsD3AndD4AndAnyOtherDecisionNeither() {
        ObjectNode decided = Fixtures.valid("no.udi.duf.case.decided.v1");
        assertThat(starts(decided, DUF).started()).isEmpty();

        Fixtures.set(decided, "/data/decision", "residence_permit_settlement");
        DeadlineRules.Starts s = starts(decided, DUF);

        assertThat(s.started()).extracting(x -> x.deadline().id()).containsExactly("D3", "D4");
        assertThat(s.started().get(0).times().dueAt()).isEqualTo(oslo("2026-12-04T12:00"));
        assertThat(s.started().get(1).times().dueAt()).isEqualTo(oslo("2027-02-20T12:00"));
    }

    @Test
    void perCaseKeysAreOnePerCaseAndNeverHoldTheDufNumber() {
        ObjectNode decided = Fixtures.valid("no.udi.duf.case.decided.v1");
        Fixtures.set(decided, "/data/decision", "residence_permit_settlement");

        String first = starts(decided, DUF).started().get(1).openKey();
        Fixtures.set(decided, "/time", "2027-01-05T10:00:00+01:00");
        String again = rules.starts(List.of(d("D4")), "key-2", decided, DUF, oslo("2027-01-05T10:00"), CaseState.UNKNOWN)
                .started().get(0).openKey();
        String other = starts(decided, "202501010002").started().get(1).openKey();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).startsWith("D4:c:").doesNotContain(DUF).hasSizeLessThanOrEqualTo(80);
    }

    @Test
    void aPerCaseDeadlineWithoutACaseIsNotStartedAndSaysWhyWithoutPersonalData() {
        ObjectNode decided = Fixtures.valid("no.udi.duf.case.decided.v1");
        Fixtures.set(decided, "/data/decision", "residence_permit_settlement");

        DeadlineRules.Starts s = starts(decided, null);

        assertThat(s.started()).extracting(x -> x.deadline().id()).containsExactly("D3");
        assertThat(s.skipped()).containsExactly("D4: the event names no case");
    }

    @Test
    void turningEighteenStartsD5DueAtMidnightStartingTheBirthday() {
        ObjectNode turning = Fixtures.valid("no.udi.mot.resident.turning-18.v1");

        DeadlineRules.Starts s = starts(turning, DUF);

        assertThat(s.started()).extracting(x -> x.deadline().id()).containsExactly("D5");
        assertThat(s.started().get(0).times().dueAt()).isEqualTo(oslo("2026-12-24T00:00"));

        Fixtures.remove(turning, "/data/eighteenOn");
        DeadlineRules.Starts without = starts(turning, DUF);
        assertThat(without.started()).isEmpty();
        assertThat(without.skipped()).containsExactly("D5: the event has no date at /data/eighteenOn");
    }

    @Test
    void anAmotAgreementStartsD6ForTheUdiRegionOfTheAmotMunicipality() {
        ObjectNode signed = Fixtures.valid("no.udi.duf.amot.agreement-signed.v1");

        DeadlineRules.Starts s = starts(signed, DUF);

        assertThat(s.started()).hasSize(1);
        DeadlineRules.Start d6 = s.started().get(0);
        assertThat(d6.udiRegion()).isEqualTo("Indre Østland");
        assertThat(d6.dufNumber()).isNull();
        assertThat(d6.openKey()).isEqualTo("D6:r:Indre Østland");
        assertThat(d6.times().dueAt()).isEqualTo(oslo("2027-03-20T12:00"));
        assertThat(rules.regionOffices("Indre Østland")).containsExactly("udi-region-indre-ostland");

        Fixtures.set(signed, "/data/municipalityNumber", "9999");
        DeadlineRules.Starts unknown = starts(signed, DUF);
        assertThat(unknown.started()).isEmpty();
        assertThat(unknown.skipped()).containsExactly("D6: the municipality at /data/municipalityNumber is not in the directory");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2024, 2025, 2026, 2027, 2028, 2029, 2030, 2038})
    void aLeaveAppliedTheWednesdayBeforeEasterIsDueTheThursdayAfterEasterMondayEveryYear(int year) {
        java.time.LocalDate easter = NorwegianCalendar.easterSunday(year);
        ObjectNode applied = Fixtures.example("leave-applied");
        Fixtures.set(applied, "/time", easter.minusDays(4).atTime(14, 30).atZone(OSLO).toOffsetDateTime().toString());

        DeadlineRules.Start d2 = starts(applied, DUF).started().get(0);

        // Maundy Thursday, Good Friday, the weekend and Easter Monday stand still; Tuesday, Wednesday and Thursday count.
        assertThat(d2.deadline().id()).isEqualTo("D2");
        assertThat(d2.times().dueAt()).isEqualTo(easter.plusDays(4).atTime(14, 30).atZone(OSLO).toInstant());
    }

    // ------------------------------------------------------------------ closing and ending

    @Test
    void aLeaveDecisionClosesD2OnlyForTheSameLeave() {
        ObjectNode applied = Fixtures.example("leave-applied");
        ObjectNode decided = Fixtures.valid("no.udi.mot.leave.decided.v1");
        assertThat(deadlines.closedBy("no.udi.mot.leave.decided.v1")).extracting(Deadline::id).containsExactly("D2");

        Fixtures.set(decided, "/data/leaveId", "L-2026-0042");
        assertThat(DeadlineRules.closes(d("D2"), applied, decided)).isTrue();
        Fixtures.set(decided, "/data/leaveId", "L-2026-0043");
        assertThat(DeadlineRules.closes(d("D2"), applied, decided)).isFalse();
        Fixtures.remove(decided, "/data/leaveId");
        Fixtures.remove(applied, "/data/leaveId");
        assertThat(DeadlineRules.closes(d("D2"), applied, decided)).as("two missing values are not the same leave").isFalse();
        assertThat(DeadlineRules.closes(d("D1"), applied, decided)).as("D1 is closed by delivery, not by an event").isFalse();
    }

    @Test
    void aSettlementDecisionEndsD4AndNothingEndsD6() {
        assertThat(deadlines.endedBy("no.udi.duf.settlement.decided.v1")).extracting(Deadline::id).containsExactly("D4");
        assertThat(deadlines.all().stream().filter(x -> x.repeats().isPresent()).map(Deadline::id)).containsExactly("D4", "D6");
    }

    // ------------------------------------------------------------------ met by delivery

    @Test
    void deliveredAllIsMetWhenTheLastWatchedNoticeArrivesCancelledOnesNotCounted() {
        Deadline.Closing.Delivered all = new Deadline.Closing.Delivered(true);
        Instant t = Instant.parse("2026-11-20T20:20:00Z");

        assertThat(DeadlineRules.metAt(all, List.of(delivered("a", "O21", t), waiting("b", "O22", NoticeStatus.FAILED)))).isEmpty();
        assertThat(DeadlineRules.metAt(all, List.of(delivered("a", "O21", t), delivered("b", "O22", t.plusSeconds(60)))))
                .contains(t.plusSeconds(60));
        assertThat(DeadlineRules.metAt(all, List.of(delivered("a", "O21", t), waiting("b", "O22", NoticeStatus.CANCELLED)))).contains(t);
        assertThat(DeadlineRules.metAt(all, List.of())).as("nobody told: never met").isEmpty();
        assertThat(DeadlineRules.metAt(all, List.of(waiting("b", "O22", NoticeStatus.CANCELLED)))).isEmpty();
    }

    @Test
    void deliveredAnyIsMetByTheFirstDelivery() {
        Deadline.Closing.Delivered any = new Deadline.Closing.Delivered(false);
        Instant t = Instant.parse("2027-01-10T10:00:00Z");

        assertThat(DeadlineRules.metAt(any, List.of(waiting("a", "O30", NoticeStatus.FAILED), delivered("b", "O30", t.plusSeconds(9)),
                delivered("c", "O30", t)))).contains(t);
        assertThat(DeadlineRules.metAt(any, List.of(waiting("a", "O30", NoticeStatus.CREATED)))).isEmpty();
    }

    // ------------------------------------------------------------------ steps

    @Test
    void d1WaitsThenIsAtRiskOnceThenBreachedWhileTheRightNoticeIsUndelivered() {
        Instant start = Instant.parse("2026-11-20T20:15:00Z");
        DeadlineRun run = run("D1", start);
        List<WatchedNotice> notices = List.of(delivered("a", "O20", start.plusSeconds(5)), waiting("b", "O21", NoticeStatus.FAILED));

        assertThat(DeadlineRules.step(d("D1"), run, start.plus(Duration.ofHours(11)), notices)).isEqualTo(new Step.Wait());
        assertThat(DeadlineRules.step(d("D1"), run, start.plus(Duration.ofHours(12)), notices)).isEqualTo(new Step.AtRisk());
        DeadlineRun alerted = new DeadlineRun(run.id(), "D1", "key-1", DUF, null, 1, run.startedAt(), run.dueAt(), run.atRiskAt(),
                DeadlineState.RUNNING, start.plus(Duration.ofHours(12)), null, null, null);
        assertThat(DeadlineRules.step(d("D1"), alerted, start.plus(Duration.ofHours(13)), notices)).isEqualTo(new Step.Wait());
        assertThat(DeadlineRules.step(d("D1"), alerted, start.plus(Duration.ofHours(24)), notices))
                .isEqualTo(new Step.Breached(Optional.empty()));
        assertThat(DeadlineRules.step(d("D1"), run, start.plus(Duration.ofHours(30)), notices))
                .as("past due, no at-risk alert after the fact").isEqualTo(new Step.Breached(Optional.empty()));
    }

    @Test
    void d1IsMetWhenEveryNoticeWasDeliveredInTimeEvenIfTheWatchLooksLate() {
        Instant start = Instant.parse("2026-11-20T20:15:00Z");
        DeadlineRun run = run("D1", start);
        Instant last = start.plus(Duration.ofHours(20));
        List<WatchedNotice> notices = List.of(delivered("a", "O20", start.plusSeconds(5)), delivered("b", "O21", last));

        assertThat(DeadlineRules.step(d("D1"), run, start.plus(Duration.ofHours(48)), notices)).isEqualTo(new Step.Met(last));
    }

    @Test
    void aDeliveryAfterTheDueTimeIsABreachMetLate() {
        Instant start = Instant.parse("2026-11-20T20:15:00Z");
        DeadlineRun run = run("D1", start);
        Instant late = start.plus(Duration.ofHours(25));

        assertThat(DeadlineRules.step(d("D1"), run, late.plusSeconds(1), List.of(delivered("b", "O21", late))))
                .isEqualTo(new Step.Breached(Optional.of(late)));
    }

    @Test
    void d2IsMetByItsClosingEventInTimeAndBreachedByALateOne() {
        Instant applied = oslo("2025-04-16T14:30");
        DeadlineRun run = run("D2", applied);
        assertThat(run.dueAt()).isEqualTo(oslo("2025-04-24T14:30"));

        Instant decided = oslo("2025-04-22T09:00");
        assertThat(DeadlineRules.step(d("D2"), run.closed(decided, "key-9"), decided, List.of())).isEqualTo(new Step.Met(decided));
        Instant late = oslo("2025-04-25T09:00");
        assertThat(DeadlineRules.step(d("D2"), run.closed(late, "key-9"), late, List.of()))
                .isEqualTo(new Step.Breached(Optional.of(late)));
        assertThat(DeadlineRules.step(d("D2"), run, oslo("2025-04-19T12:00"), List.of()))
                .as("Easter Saturday: the working-day clock stands still, so not yet at risk").isEqualTo(new Step.Wait());
        assertThat(DeadlineRules.step(d("D2"), run, oslo("2025-04-23T03:00"), List.of())).isEqualTo(new Step.AtRisk());
    }

    @Test
    void repeatingDeadlinesStartTheirNextRoundFromWhenTheLastClosedOrLapsed() {
        Instant closed = oslo("2027-01-31T10:00");

        assertThat(rules.repeat(d("D4"), closed)).map(DeadlineClock.Times::dueAt).contains(oslo("2027-04-30T10:00"));
        assertThat(rules.repeat(d("D6"), closed)).map(DeadlineClock.Times::dueAt).contains(oslo("2027-05-31T10:00"));
        assertThat(rules.repeat(d("D1"), closed)).isEmpty();
        assertThat(rules.repeat(d("D5"), closed)).isEmpty();
    }

    // ------------------------------------------------------------------ alerts

    @Test
    void alertsNameTheDeadlineDueTimeAndUndeliveredNoticesButNoPerson() {
        Instant start = Instant.parse("2026-11-20T20:15:00Z");
        DeadlineRun run = run("D1", start);
        List<WatchedNotice> notices = List.of(delivered("a1", "O20", start),
                new WatchedNotice("b2", "O21", "police-oslo", NoticeStatus.FAILED, null));

        Alert atRisk = DeadlineAlerts.atRisk(d("D1"), run, notices);
        Alert breached = DeadlineAlerts.breached(d("D1"), run, notices, Optional.empty());

        assertThat(atRisk.key()).isEqualTo("D1:7:at-risk");
        assertThat(atRisk.kind()).isEqualTo(DeadlineAlerts.AT_RISK);
        assertThat(atRisk.subject()).isEqualTo("D1 at risk: Police, child welfare and UDI told of a disappearance");
        assertThat(atRisk.detail()).contains("Due 2026-11-21T21:15:00+01:00", "O21 to police-oslo (notice b2, FAILED)")
                .doesNotContain("a1").doesNotContain(DUF);
        assertThat(breached.key()).isEqualTo("D1:7:breached");
        assertThat(breached.kind()).isEqualTo(DeadlineAlerts.BREACHED);
        assertThat(breached.detail()).contains("Was due 2026-11-21T21:15:00+01:00", "police-oslo");
        assertThat(DeadlineAlerts.atRisk(d("D1"), run, List.of()).detail()).contains("No notice of O20, O21, O22 was decided");
        assertThat(DeadlineAlerts.atRisk(d("D2"), run("D2", start), List.of()).detail())
                .contains("Waiting for no.udi.mot.leave.decided.v1 with the same /data/leaveId");
    }
}
