package no.budstikke.console.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import no.budstikke.console.auth.Person;
import no.budstikke.console.auth.Role;
import no.budstikke.console.auth.Viewer;
import no.budstikke.store.NoticeStatus;
import no.budstikke.store.NoticeTimeline.Kind;
import no.budstikke.store.NoticeTimeline.Step;
import no.budstikke.store.NoticeTimeline.Timeline;
import org.junit.jupiter.api.Test;

/** What the notice page makes of a timeline: Norwegian time and words, and the actions its status allows. */
class NoticeViewTest {

    private static final OffsetDateTime WINTER = OffsetDateTime.of(2026, 12, 6, 5, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime SUMMER = OffsetDateTime.of(2026, 7, 1, 5, 0, 0, 0, ZoneOffset.UTC);
    private static final Viewer OPS = new Viewer(new Person("kari", Set.of(Role.OPS)), "t".repeat(43));
    private static final String ID = "0123456789abcdef0123456789abcdef";

    @Test
    void timesAreNorwegianInWinterAndSummerAndSpansAreShort() {
        assertThat(Labels.time(WINTER)).isEqualTo("06.12.2026 kl. 06:00");
        assertThat(Labels.time(SUMMER)).isEqualTo("01.07.2026 kl. 07:00");
        assertThat(Labels.time(null)).isEqualTo("–");
        assertThat(Labels.span(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(Labels.span(Duration.ofMinutes(200))).isEqualTo("3 t 20 min");
        assertThat(Labels.span(Duration.ofHours(51))).isEqualTo("2 d 3 t");
        assertThat(Labels.span(Duration.ofMinutes(-3))).isEqualTo("0 min");
    }

    @Test
    void aDeadNoticeOffersReplayAndCancelAndNamesItsFailures() {
        NoticePage page = new NoticePage(null, null, null, Clock.fixed(WINTER.plusHours(2).toInstant(), ZoneOffset.UTC));
        NoticePage.NoticeView v = page.view(OPS, timeline(NoticeStatus.DEAD, List.of(
                new Step(WINTER, Kind.CREATED, null, "HTTP", null, null, null, null),
                new Step(WINTER.plusMinutes(1), Kind.ATTEMPT, 1, "HTTP", "RETRY", "HTTP 503", null, WINTER.plusMinutes(3)),
                new Step(WINTER.plusMinutes(4), Kind.ATTEMPT, 2, "HTTP", "DEAD", "HTTP 404", null, null))));
        assertThat(v.actions()).containsExactly(new NoticePage.ActionLink("Send på nytt", "/console/meldinger/" + ID + "/send-pa-nytt"),
                new NoticePage.ActionLink("Avbryt", "/console/meldinger/" + ID + "/avbryt"));
        assertThat(v.status()).isEqualTo("Ikke levert (stoppet)");
        assertThat(v.troubled()).isTrue();
        assertThat(v.lastError()).isEqualTo("HTTP 404");
        assertThat(v.age()).isEqualTo("2 t 0 min");
        assertThat(v.priority()).isEqualTo("Haster");
        assertThat(v.steps()).containsExactly(new NoticePage.StepRow("06.12.2026 kl. 06:00", "Opprettet", "Kanal HTTP"),
                new NoticePage.StepRow("06.12.2026 kl. 06:01", "Forsøk 1: feilet, prøves igjen", "HTTP 503; nytt forsøk 06.12.2026 kl. 06:03"),
                new NoticePage.StepRow("06.12.2026 kl. 06:04", "Forsøk 2: feilet, stoppet", "HTTP 404"));
    }

    @Test
    void aDeliveredNoticeOffersNothingAndShowsWhoReplayedIt() {
        NoticePage page = new NoticePage(null, null, null, Clock.fixed(Instant.parse("2026-12-06T06:00:00Z"), ZoneOffset.UTC));
        NoticePage.NoticeView v = page.view(OPS, timeline(NoticeStatus.DELIVERED, List.of(
                new Step(WINTER, Kind.CREATED, null, "HTTP", null, null, null, null),
                new Step(WINTER.plusMinutes(9), Kind.ACTION, null, null, "REPLAY", null, "person:kari", null),
                new Step(WINTER.plusMinutes(10), Kind.ATTEMPT, 1, "HTTP", "DELIVERED", "HTTP 201", null, null),
                new Step(WINTER.plusMinutes(10), Kind.DELIVERED, null, "HTTP", null, "HTTP 201", null, null))));
        assertThat(v.actions()).isEmpty();
        assertThat(v.troubled()).isFalse();
        assertThat(v.lastError()).isNull();
        assertThat(v.steps()).extracting(NoticePage.StepRow::what).containsExactly("Opprettet", "Sendt på nytt", "Forsøk 1: levert", "Levert");
        assertThat(v.steps().get(1).detail()).isEqualTo("av person:kari");
        assertThat(v.steps().get(3).detail()).isEqualTo("Kvittering: HTTP 201");
    }

    private static Timeline timeline(NoticeStatus status, List<Step> steps) {
        return new Timeline(ID, "event", "O21", false, "missing-person-report", "URGENT", "POLICE_DISTRICT", "police-oslo", "HTTP",
                "missing", "basis", List.of("/data/caseContext/healthNotes"), status, 2, WINTER, null,
                status == NoticeStatus.DELIVERED ? WINTER.plusMinutes(10) : null, status == NoticeStatus.DELIVERED ? "HTTP 201" : null,
                "HTTP 404", null, steps);
    }
}
