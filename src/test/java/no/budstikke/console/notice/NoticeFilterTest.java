package no.budstikke.console.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import no.budstikke.model.Priority;
import no.budstikke.store.NoticeSearch;
import no.budstikke.store.NoticeStatus;
import org.junit.jupiter.api.Test;

/** The Meldinger search form, read from a query string: each field, the dates in Norwegian time, and each mistake named. */
class NoticeFilterTest {

    @Test
    void anEmptyFormSearchesEverythingOnePageAtATime() {
        for (String empty : new String[] {null, "", "   "}) {
            NoticeSearch.Query q = NoticeFilter.read(empty).query().orElseThrow();
            assertThat(q.statuses()).containsExactlyInAnyOrder(NoticeStatus.values());
            assertThat(q.officeId()).isNull();
            assertThat(q.duty()).isNull();
            assertThat(q.priority()).isNull();
            assertThat(q.createdFrom()).isNull();
            assertThat(q.createdBefore()).isNull();
            assertThat(q.after()).isNull();
            assertThat(q.pageSize()).isEqualTo(NoticeFilter.PAGE_SIZE);
        }
    }

    @Test
    void everyFieldIsReadAndTheDatesAreWholeNorwegianDaysTheLastIncluded() {
        NoticeFilter.Read read = NoticeFilter.read("status=DEAD&kontor=police-oslo&plikt=O21&prioritet=URGENT&fra=2026-12-01&til=2026-12-06"
                + "&ukjent=x");
        assertThat(read.problems()).isEmpty();
        NoticeSearch.Query q = read.query().orElseThrow();
        assertThat(q.statuses()).containsExactly(NoticeStatus.DEAD);
        assertThat(q.officeId()).isEqualTo("police-oslo");
        assertThat(q.duty()).isEqualTo("O21");
        assertThat(q.priority()).isEqualTo(Priority.URGENT);
        // Winter time in Oslo is UTC+1.
        assertThat(q.createdFrom()).isEqualTo(OffsetDateTime.of(2026, 11, 30, 23, 0, 0, 0, ZoneOffset.UTC));
        assertThat(q.createdBefore()).isEqualTo(OffsetDateTime.of(2026, 12, 6, 23, 0, 0, 0, ZoneOffset.UTC));
        assertThat(read.filter().office()).isEqualTo("police-oslo");
    }

    @Test
    void aMistakeInAnyFieldIsNamedWithoutEchoingItAndNothingIsSearched() {
        NoticeFilter.Read read = NoticeFilter.read("status=LOST&kontor=%3Cscript%3E&plikt=O21%27--&prioritet=SOON&fra=01.12.2026"
                + "&til=2026-13-01&side=nope");
        assertThat(read.query()).isEmpty();
        assertThat(read.problems()).hasSize(7).noneMatch(p -> p.contains("<script>") || p.contains("O21'") || p.contains("LOST"));
        assertThat(read.problems()).anyMatch(p -> p.startsWith("Status")).anyMatch(p -> p.startsWith("Kontor"))
                .anyMatch(p -> p.startsWith("Plikt")).anyMatch(p -> p.startsWith("Prioritet")).anyMatch(p -> p.startsWith("Fra-datoen"))
                .anyMatch(p -> p.startsWith("Til-datoen")).anyMatch(p -> p.contains("neste side"));
        // The form shows what was typed, so it can be corrected; the page escapes it.
        assertThat(read.filter().office()).isEqualTo("<script>");

        assertThat(NoticeFilter.read("fra=2026-12-06&til=2026-12-05").problems()).containsExactly("Fra-datoen må være før eller lik til-datoen.");
        assertThat(NoticeFilter.read("fra=2026-12-06&til=2026-12-06").problems()).isEmpty();
        assertThat(NoticeFilter.read("kontor=%zz").problems()).isEmpty(); // a broken escape drops the field
    }

    @Test
    void theNextPageKeepsTheFiltersAndCarriesTheCursor() {
        NoticeFilter f = NoticeFilter.read("status=DEAD&kontor=police-oslo&fra=2026-12-01").filter();
        NoticeSearch.Cursor cursor = new NoticeSearch.Cursor(OffsetDateTime.of(2026, 12, 5, 10, 0, 0, 123_000, ZoneOffset.UTC),
                "0123456789abcdef0123456789abcdef");
        String next = f.next(cursor);
        assertThat(next).isEqualTo("status=DEAD&kontor=police-oslo&fra=2026-12-01&side=" + cursor.token());

        NoticeSearch.Query q = NoticeFilter.read(next).query().orElseThrow();
        assertThat(q.after()).isEqualTo(cursor);
        assertThat(q.statuses()).isEqualTo(Set.of(NoticeStatus.DEAD));
        assertThat(NoticeFilter.read(next).filter().first()).isEqualTo("status=DEAD&kontor=police-oslo&fra=2026-12-01");
    }
}
