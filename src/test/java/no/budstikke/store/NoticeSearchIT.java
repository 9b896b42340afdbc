package no.budstikke.store;

import static no.budstikke.store.ReadModelRows.dead;
import static no.budstikke.store.ReadModelRows.delivered;
import static no.budstikke.store.ReadModelRows.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.budstikke.model.Priority;
import no.budstikke.store.NoticeSearch.Cursor;
import no.budstikke.store.NoticeSearch.Found;
import no.budstikke.store.NoticeSearch.Page;
import no.budstikke.store.NoticeSearch.Query;
import no.budstikke.testing.TestDatabases.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The notice search on both databases: each filter, newest first, and keyset pages that neither skip nor repeat. */
class NoticeSearchIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void filtersByStatusOfficeDutyPriorityAndTimeNewestFirst(Kind kind) throws Exception {
        try (ReadModelRows db = new ReadModelRows(kind, dir)) {
            db.at(Duration.ofMinutes(1));
            String deadA = db.notice("O1", "office-a", Priority.URGENT);
            db.at(Duration.ofMinutes(2));
            String deliveredA = db.notice("O2", "office-a", Priority.NORMAL);
            db.at(Duration.ofMinutes(3));
            String deadB = db.notice("O1", "office-b", Priority.NORMAL);
            db.send(Map.of(deadA, dead("http 400"), deliveredA, delivered("r"), deadB, dead("http 400")));
            db.at(Duration.ofMinutes(4));
            String createdB = db.notice("O3", "office-b", Priority.URGENT);
            NoticeSearch search = new NoticeSearch(db.transactions);

            assertThat(ids(search, Query.all(10))).containsExactly(createdB, deadB, deliveredA, deadA);
            assertThat(ids(search, query(Set.of(NoticeStatus.DEAD), null, null, null))).containsExactly(deadB, deadA);
            assertThat(ids(search, query(Set.of(NoticeStatus.DEAD, NoticeStatus.CREATED), null, null, null)))
                    .containsExactly(createdB, deadB, deadA);
            assertThat(ids(search, query(Set.of(), "office-a", null, null))).containsExactly(deliveredA, deadA);
            assertThat(ids(search, query(Set.of(), null, "O1", null))).containsExactly(deadB, deadA);
            assertThat(ids(search, query(Set.of(), null, null, Priority.URGENT))).containsExactly(createdB, deadA);
            assertThat(ids(search, query(Set.of(NoticeStatus.DEAD), "office-b", "O1", Priority.NORMAL))).containsExactly(deadB);
            assertThat(ids(search, query(Set.of(NoticeStatus.CANCELLED), null, null, null))).isEmpty();
            // From inclusive, before exclusive.
            assertThat(ids(search, new Query(Set.of(), null, null, null, t(Duration.ofMinutes(2)), t(Duration.ofMinutes(4)), null, 10)))
                    .containsExactly(deadB, deliveredA);

            Found found = search.search(query(Set.of(NoticeStatus.DELIVERED), null, null, null)).notices().get(0);
            assertThat(found).isEqualTo(new Found(deliveredA, db.eventKey(), "O2", false, "NORMAL", "office-a", "HTTP",
                    NoticeStatus.DELIVERED, 1, t(Duration.ofMinutes(2)), t(Duration.ofMinutes(3)), t(Duration.ofMinutes(3))));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void pagesNeitherSkipNorRepeatNoticesCreatedAtTheSameInstant(Kind kind) throws Exception {
        try (ReadModelRows db = new ReadModelRows(kind, dir)) {
            List<String> all = new ArrayList<>();
            // Seven notices, three pairs created at the same instant: the id breaks the tie.
            for (int i = 0; i < 7; i++) {
                db.at(Duration.ofMinutes(i / 2));
                all.add(db.notice("O" + (i + 1), "office-a", Priority.NORMAL));
            }
            List<String> newestFirst = new ArrayList<>(all);
            newestFirst.sort(Comparator.comparing((String id) -> all.indexOf(id) / 2).thenComparing(id -> id).reversed());
            NoticeSearch search = new NoticeSearch(db.transactions);

            List<List<String>> pages = new ArrayList<>();
            Query q = Query.all(3);
            while (true) {
                Page page = search.search(q);
                pages.add(page.notices().stream().map(Found::noticeId).toList());
                if (page.next().isEmpty()) break;
                // The cursor survives being written into a link.
                q = q.after(Cursor.parse(page.next().get().token()).orElseThrow());
            }
            assertThat(pages).containsExactly(newestFirst.subList(0, 3), newestFirst.subList(3, 6), newestFirst.subList(6, 7));

            // A page that ends exactly at the last notice says there is no next page.
            Page exact = search.search(Query.all(7));
            assertThat(exact.notices()).hasSize(7);
            assertThat(exact.next()).isEmpty();
            Page first = search.search(Query.all(6));
            assertThat(search.search(Query.all(6).after(first.next().orElseThrow())).notices()).extracting(Found::noticeId)
                    .containsExactly(newestFirst.get(6));
        }
    }

    @Test
    void aMistypedFilterIsRefusedNamingTheFilterNotTheValue() {
        assertThatThrownBy(() -> query(Set.of(), "office a; DROP TABLE notice", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("office").hasMessageNotContaining("DROP");
        assertThatThrownBy(() -> query(Set.of(), null, "O1' OR '1'='1", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duty").hasMessageNotContaining("OR");
        assertThatThrownBy(() -> Query.all(NoticeSearch.MAX_PAGE + 1)).hasMessageContaining("page size must be 1 to 100");
        assertThatThrownBy(() -> Query.all(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Query(Set.of(), null, null, null, t(Duration.ZERO), t(Duration.ZERO), null, 10))
                .hasMessageContaining("time range");
        assertThat(Cursor.parse("1.2-abc")).contains(new Cursor(java.time.Instant.ofEpochSecond(1, 2).atOffset(java.time.ZoneOffset.UTC), "abc"));
        assertThat(Cursor.parse("x.2-abc")).isEmpty();
        assertThat(Cursor.parse("1.2-ab'c")).isEmpty();
        assertThat(Cursor.parse(null)).isEmpty();
    }

    private static Query query(Set<NoticeStatus> statuses, String office, String duty, Priority priority) {
        return new Query(statuses, office, duty, priority, null, null, null, 10);
    }

    private static List<String> ids(NoticeSearch search, Query q) {
        return search.search(q).notices().stream().map(Found::noticeId).toList();
    }
}
