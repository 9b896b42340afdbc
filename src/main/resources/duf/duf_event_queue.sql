-- DUF's table of pending events, as the hub polls it (docs/intake.md). DUF owns this table in its
-- own database; this is the documented layout, runnable as is on PostgreSQL and on H2.
-- DUF inserts a row per event (or per JSON array of events) with seq and created_at left to
-- their defaults and the last three columns NULL. The hub reads rows WHERE consumed_at IS NULL
-- ORDER BY seq, and after committing a row's events sets consumed_at, outcome and quarantine_id.
CREATE TABLE duf_event_queue (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- A CloudEvents 1.0 event in structured JSON mode, or a JSON array of them, as UTF-8 text.
    payload       TEXT NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    -- Set by the hub; NULL while the row is pending.
    consumed_at   TIMESTAMP WITH TIME ZONE NULL,
    -- stored | duplicate | rejected | forbidden | unreadable
    outcome       VARCHAR(16) NULL,
    -- The hub's quarantine entry for a rejected, forbidden or unreadable row (GET /api/v1/quarantine/{id}).
    quarantine_id BIGINT NULL
);

-- Serves the poll: pending rows in order.
CREATE INDEX duf_event_queue_pending ON duf_event_queue (consumed_at, seq);
