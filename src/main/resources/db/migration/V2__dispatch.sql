-- Dispatch: the notices decided for each event, and the duties whose recipient could not be resolved.

CREATE TABLE notice (
    notice_id       VARCHAR(32)  PRIMARY KEY,  -- derived from (event, duty, office, copy): the idempotency key of every delivery
    event_key       VARCHAR(32)  NOT NULL REFERENCES inbound_event (event_key),
    duty            VARCHAR(8)   NOT NULL,
    is_copy         BOOLEAN      NOT NULL,
    kind            VARCHAR(60)  NOT NULL,
    priority        VARCHAR(10)  NOT NULL,
    priority_rank   SMALLINT     NOT NULL,     -- 0 URGENT, 1 HIGH, 2 NORMAL: most urgent first
    role            VARCHAR(30)  NOT NULL,
    office_id       VARCHAR(100) NOT NULL,
    channel         VARCHAR(10)  NOT NULL,
    address         VARCHAR(300) NOT NULL,     -- personal data when the recipient is named in the event
    purpose         VARCHAR(60)  NOT NULL,
    legal_basis     VARCHAR(400) NOT NULL,
    content         TEXT         NOT NULL,     -- the redacted data, JSON
    removed_fields  TEXT         NOT NULL,     -- JSON array of pointers; for the journal, never delivered
    flags           TEXT         NOT NULL,     -- JSON array of derived checks
    status          VARCHAR(12)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    status_changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_notice_event ON notice (event_key);
CREATE INDEX ix_notice_due ON notice (status, priority_rank, created_at);

CREATE TABLE dispatch_gap (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_key       VARCHAR(32)  NOT NULL REFERENCES inbound_event (event_key),
    duty            VARCHAR(8)   NOT NULL,
    role            VARCHAR(30)  NOT NULL,
    reason          VARCHAR(400) NOT NULL,     -- names roles and municipality numbers, never people
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_dispatch_gap_event ON dispatch_gap (event_key);
