package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link OutboxStore}. */
interface OutboxSql {

    /**
     * Up to {@code max} due notices in claim order, without locks: each claimable status on its own,
     * because an index (ix_notice_queue: status, priority_rank, created_at, notice_id) gives each one in
     * claim order, so every branch stops after {@code max} rows, however many are due or delivered.
     * ORDER BY repeats the status so that H2 sees the index's order too. A CREATED notice is due from
     * the moment it is written (next_attempt_at is its creation or replay time), so that branch does not
     * ask: PostgreSQL estimates the due condition as if it were independent of the status and, the
     * longer the delivered history (whose next_attempt_at is NULL), the fewer rows it expects, until it
     * reads and sorts every CREATED row instead of reading the index in order. {@link #lockDue} checks
     * the due condition of each. Staff tasks (phone calls) are not sent by a channel; they wait for
     * staff in the ops API. The notices of the {@code busy} offices, whose senders are all taken, are
     * passed over unless URGENT: a filter on the rows the index gives, so the order and the plan stay.
     */
    @SqlQuery("""
            SELECT notice_id, office_id, priority FROM (
                (SELECT notice_id, office_id, priority, priority_rank, created_at FROM notice
                 WHERE status = :created AND channel <> 'TASK' AND (priority = 'URGENT' OR office_id NOT IN (<busy>))
                 ORDER BY status, priority_rank, created_at, notice_id LIMIT :max)
                UNION ALL
                (SELECT notice_id, office_id, priority, priority_rank, created_at FROM notice
                 WHERE status = :failed AND next_attempt_at <= :now AND channel <> 'TASK' AND (priority = 'URGENT' OR office_id NOT IN (<busy>))
                 ORDER BY status, priority_rank, created_at, notice_id LIMIT :max)
                UNION ALL
                (SELECT notice_id, office_id, priority, priority_rank, created_at FROM notice
                 WHERE status = :sending AND lease_until < :now AND channel <> 'TASK' AND (priority = 'URGENT' OR office_id NOT IN (<busy>))
                 ORDER BY status, priority_rank, created_at, notice_id LIMIT :max)
            ) due
            ORDER BY priority_rank, created_at, notice_id
            LIMIT :max""")
    @RegisterConstructorMapper(OutboxDue.class)
    List<OutboxDue> dueIds(NoticeStatus created, NoticeStatus failed, NoticeStatus sending, OffsetDateTime now, int max,
                           @BindList("busy") List<String> busy);

    /**
     * Locks up to {@code max} of {@code candidates} that are still due, in claim order, skipping those
     * another claim holds; the due condition is checked again, as another instance may have claimed
     * one since {@link #dueIds} read it.
     */
    @SqlQuery("""
            SELECT notice_id, duty, kind, priority, office_id, office_name, channel, address, attempts + 1 AS attempt, document
            FROM notice
            WHERE notice_id IN (<candidates>)
              AND channel <> 'TASK'
              AND ((status IN (:created, :failed) AND next_attempt_at <= :now) OR (status = :sending AND lease_until < :now))
            ORDER BY priority_rank, created_at, notice_id
            LIMIT :max
            FOR UPDATE SKIP LOCKED""")
    @RegisterConstructorMapper(ClaimedNotice.class)
    List<ClaimedNotice> lockDue(@BindList("candidates") List<String> candidates, NoticeStatus created, NoticeStatus failed,
                                NoticeStatus sending, OffsetDateTime now, int max);

    @SqlBatch("""
            UPDATE notice SET status = :sending, attempts = :attempt, lease_until = :leaseUntil, status_changed_at = :now
            WHERE notice_id = :noticeId""")
    void markSending(List<String> noticeId, List<Integer> attempt, NoticeStatus sending, OffsetDateTime leaseUntil,
                     OffsetDateTime now);

    /** Moves the lease of each notice an attempt still holds; 0 rows for one that a newer attempt took over or that is settled. */
    @SqlBatch("UPDATE notice SET lease_until = :leaseUntil WHERE notice_id = :noticeId AND status = :sending AND attempts = :attempt")
    int[] renewLeases(List<String> noticeId, List<Integer> attempt, NoticeStatus sending, OffsetDateTime leaseUntil);

    /** Journals each attempt that still holds its notice; 0 rows for one a newer attempt took over. */
    @SqlBatch("""
            INSERT INTO delivery_attempt (notice_id, attempt, channel, started_at, finished_at, outcome, detail, next_attempt_at)
            SELECT notice_id, attempts, channel, status_changed_at, :at, :outcome, :detail, :next
            FROM notice WHERE notice_id = :noticeId AND status = :sending AND attempts = :attempt""")
    int[] journalAttempts(List<String> noticeId, List<Integer> attempt, NoticeStatus sending, List<String> outcome, List<String> detail,
                          List<OffsetDateTime> next, List<OffsetDateTime> at);

    /** Settles each journalled attempt: DELIVERED with its receipt, FAILED until its next attempt, or DEAD. */
    @SqlBatch("""
            UPDATE notice SET status = :status, next_attempt_at = :next, lease_until = NULL, last_error = COALESCE(:error, last_error),
                              receipt = COALESCE(:receipt, receipt), delivered_at = CASE WHEN :status = :delivered THEN :at ELSE delivered_at END,
                              status_changed_at = :at
            WHERE notice_id = :noticeId AND status = :sending AND attempts = :attempt""")
    void finish(List<String> noticeId, List<Integer> attempt, NoticeStatus sending, List<NoticeStatus> status, NoticeStatus delivered,
                List<OffsetDateTime> next, List<String> error, List<String> receipt, List<OffsetDateTime> at);

    @SqlUpdate("""
            UPDATE notice SET status = :created, attempts = 0, next_attempt_at = :now, status_changed_at = :now
            WHERE notice_id = :noticeId AND status IN (<replayable>)""")
    int replay(String noticeId, NoticeStatus created, @BindList("replayable") List<NoticeStatus> replayable, OffsetDateTime now);

    @SqlUpdate("""
            UPDATE notice SET status = :cancelled, next_attempt_at = NULL, status_changed_at = :now
            WHERE notice_id = :noticeId AND status IN (<cancellable>)""")
    int cancel(String noticeId, NoticeStatus cancelled, @BindList("cancellable") List<NoticeStatus> cancellable, OffsetDateTime now);

    @SqlUpdate("""
            UPDATE notice SET status = :done, delivered_at = :now, status_changed_at = :now, receipt = 'acknowledged by ops'
            WHERE notice_id = :noticeId AND channel = 'TASK' AND status = :open""")
    int acknowledge(String noticeId, NoticeStatus open, NoticeStatus done, OffsetDateTime now);

    @SqlUpdate("INSERT INTO notice_action (notice_id, action, actor, at) VALUES (:noticeId, :action, :actor, :now)")
    void journalAction(String noticeId, NoticeAction action, String actor, OffsetDateTime now);

    @SqlQuery("SELECT notice_id FROM notice WHERE office_id = :officeId AND status IN (<stuck>) ORDER BY priority_rank, created_at")
    List<String> stuckAt(String officeId, @BindList("stuck") List<NoticeStatus> stuck);

    /**
     * The probe of an office in back-off: its most urgent, oldest notice waiting to be sent, whether
     * its own retry is due or not, skipping one another claim holds. Read through ix_notice_office.
     */
    @SqlQuery("""
            SELECT notice_id, duty, kind, priority, office_id, office_name, channel, address, attempts + 1 AS attempt, document
            FROM notice
            WHERE office_id = :officeId AND channel <> 'TASK'
              AND (status IN (:created, :failed) OR (status = :sending AND lease_until < :now))
            ORDER BY priority_rank, created_at, notice_id
            LIMIT 1
            FOR UPDATE SKIP LOCKED""")
    @RegisterConstructorMapper(ClaimedNotice.class)
    List<ClaimedNotice> probe(String officeId, NoticeStatus created, NoticeStatus failed, NoticeStatus sending, OffsetDateTime now);

    /**
     * Puts a claimed notice back unsent, its attempt not counted: FAILED (whose branch of the claim
     * tests next_attempt_at, unlike CREATED's) until {@code until}.
     */
    @SqlUpdate("""
            UPDATE notice SET status = :failed, attempts = :attempt - 1, next_attempt_at = :until, lease_until = NULL,
                              status_changed_at = :now
            WHERE notice_id = :noticeId AND status = :sending AND attempts = :attempt""")
    int putBack(String noticeId, int attempt, NoticeStatus sending, NoticeStatus failed, OffsetDateTime until, OffsetDateTime now);

    /** Makes every notice of the office waiting for a retry due now. */
    @SqlUpdate("UPDATE notice SET next_attempt_at = :now WHERE office_id = :officeId AND status = :failed AND next_attempt_at > :now")
    int releaseOffice(String officeId, NoticeStatus failed, OffsetDateTime now);
}
