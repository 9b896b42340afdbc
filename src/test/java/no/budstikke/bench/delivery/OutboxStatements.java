package no.budstikke.bench.delivery;



/** The hub's own outbox statements (store.OutboxSql), run by the naive loop one row and one commit at a time. */
final class OutboxStatements {

    private OutboxStatements() {
    }

    static final String CLAIM_ONE = """
            SELECT notice_id, duty, kind, priority, office_id, office_name, channel, address, attempts, document
            FROM notice
            WHERE channel <> 'TASK'
              AND ((status IN ('CREATED', 'FAILED') AND next_attempt_at <= ?) OR (status = 'SENDING' AND lease_until < ?))
            ORDER BY priority_rank, created_at, notice_id
            LIMIT 1
            FOR UPDATE SKIP LOCKED""";
    static final String MARK_SENDING = """
            UPDATE notice SET status = 'SENDING', attempts = ?, lease_until = ?, status_changed_at = ?
            WHERE notice_id = ?""";
    static final String JOURNAL_ATTEMPT = """
            INSERT INTO delivery_attempt (notice_id, attempt, channel, started_at, finished_at, outcome, detail, next_attempt_at)
            SELECT notice_id, attempts, channel, status_changed_at, ?, ?, ?, ?
            FROM notice WHERE notice_id = ? AND status = 'SENDING' AND attempts = ?""";
    static final String MARK_DELIVERED = """
            UPDATE notice SET status = ?, next_attempt_at = ?, lease_until = NULL, last_error = COALESCE(?, last_error),
                              receipt = COALESCE(?, receipt), delivered_at = CASE WHEN ? = 'DELIVERED' THEN ? ELSE delivered_at END,
                              status_changed_at = ?
            WHERE notice_id = ? AND status = 'SENDING' AND attempts = ?""";
}
