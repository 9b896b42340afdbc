-- The claim reads each claimable status (CREATED, FAILED, SENDING) on its own, in claim order
-- (most urgent, then oldest, then id), and stops after the rows it needs: its cost depends on
-- neither the delivered history nor the length of the due backlog. A partial index would be
-- smaller on PostgreSQL, but H2 cannot parse one, and with the status leading, the delivered rows
-- sit in a part of the index the claim never reads.
CREATE INDEX ix_notice_queue ON notice (status, priority_rank, created_at, notice_id);

-- Both served the old claim, which read all due rows and sorted them; ix_notice_queue serves
-- every query on a status prefix that ix_notice_due served.
DROP INDEX ix_notice_due;
DROP INDEX ix_notice_claim;
