-- Retention and erasure (config/retention.yaml, docs/privacy.md). Personal data is blanked in place
-- so that the journal's metadata (who was told what, when, under which legal basis) outlives it.

-- When an event's payload (and its DUF number) was blanked, and why: RETENTION or ERASURE.
ALTER TABLE inbound_event ADD COLUMN purged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE inbound_event ADD COLUMN purge_reason VARCHAR(12);
-- When a notice's content and document were blanked, and why.
ALTER TABLE notice ADD COLUMN purged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE notice ADD COLUMN purge_reason VARCHAR(12);
CREATE INDEX ix_notice_purge ON notice (purged_at, status, status_changed_at);
CREATE INDEX ix_inbound_event_received ON inbound_event (received_at);

-- One row per background job that must run on one instance at a time: an instance claims the job
-- by moving lease_until forward, and only where it has passed (or the instance holds it already).
CREATE TABLE job_lease (
    job             VARCHAR(40)  PRIMARY KEY,
    holder          VARCHAR(100),
    lease_until     TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO job_lease (job, holder, lease_until) VALUES ('retention-purge', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');

-- What each purge and each erasure did, in counts only: never a DUF number, name or content.
CREATE TABLE retention_log (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    action          VARCHAR(12)  NOT NULL,     -- PURGE | ERASURE
    actor           VARCHAR(100) NOT NULL,     -- the ops credential's name, cli:<user>, or retention
    counts          VARCHAR(1000) NOT NULL     -- JSON object of table and count
);
CREATE INDEX ix_retention_log_at ON retention_log (at);
