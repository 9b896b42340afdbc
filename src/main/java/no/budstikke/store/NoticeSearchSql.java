package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The statement of {@link NoticeSearch}: one fixed query, every filter a bound value. */
interface NoticeSearchSql {

    /**
     * Newest first, from just before the keyset ({@code beforeAt}, {@code beforeId}), which is also the
     * upper end of the time range. Reads ix_notice_queue (status, priority_rank, created_at, notice_id)
     * for the wanted statuses and priorities, within the time range, and sorts what matches; an office
     * or duty filter is checked on the rows found. Without a status or time filter that is every notice:
     * fine for a person searching now and then, not for anything on a timer.
     */
    @SqlQuery("""
            SELECT notice_id, event_key, duty, is_copy AS copy, priority, office_id, channel, status, attempts,
                   created_at, status_changed_at, delivered_at
            FROM notice
            WHERE status IN (<statuses>) AND priority_rank IN (<ranks>)
              AND (:anyOffice OR office_id = :officeId)
              AND (:anyDuty OR duty = :duty)
              AND created_at >= :from
              AND (created_at < :beforeAt OR (created_at = :beforeAt AND notice_id < :beforeId))
            ORDER BY created_at DESC, notice_id DESC
            LIMIT :limit""")
    @RegisterConstructorMapper(NoticeSearch.Found.class)
    List<NoticeSearch.Found> search(@BindList("statuses") List<NoticeStatus> statuses, @BindList("ranks") List<Integer> ranks,
                                    boolean anyOffice, String officeId, boolean anyDuty, String duty, OffsetDateTime from,
                                    OffsetDateTime beforeAt, String beforeId, int limit);
}
