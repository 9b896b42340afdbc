-- Intake: every accepted event, deduplicated on (source, event_id), and every rejected input.
-- Portable SQL: PostgreSQL in production, H2 (MODE=PostgreSQL) embedded.

CREATE TABLE inbound_event (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- intake order
    event_key       VARCHAR(32)  NOT NULL,  -- opaque key derived from (source, event_id); safe to show and log
    source          VARCHAR(200) NOT NULL,
    event_id        VARCHAR(128) NOT NULL,
    type            VARCHAR(100) NOT NULL,
    event_time      TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    channel         VARCHAR(10)  NOT NULL,  -- http | file | sql
    origin          VARCHAR(200) NOT NULL,  -- credential name, file name or DUF queue row
    duf_number      VARCHAR(12),            -- the case key; personal data, never logged
    payload_sha256  VARCHAR(64)  NOT NULL,
    payload         TEXT         NOT NULL,  -- the event exactly as validated (UTF-8 JSON)
    status          VARCHAR(20)  NOT NULL,
    status_changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_inbound_event_source_id UNIQUE (source, event_id),
    CONSTRAINT uq_inbound_event_key UNIQUE (event_key)
);

CREATE INDEX ix_inbound_event_status ON inbound_event (status, seq);
CREATE INDEX ix_inbound_event_duf ON inbound_event (duf_number);

CREATE TABLE quarantine (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    channel         VARCHAR(10)  NOT NULL,
    origin          VARCHAR(200) NOT NULL,
    reason          VARCHAR(40)  NOT NULL,  -- UNREADABLE | CONTRACT_VIOLATION | FORBIDDEN_SOURCE | UNSUPPORTED_MEDIA_TYPE
    violations      TEXT         NOT NULL,  -- JSON array of {pointer, message}; messages never echo values
    raw_size        BIGINT       NOT NULL,  -- size of the whole rejected input in bytes
    raw_bytes       BYTEA        NOT NULL,  -- the input, cut at the configured cap
    truncated       BOOLEAN      NOT NULL
);

CREATE INDEX ix_quarantine_received ON quarantine (received_at);
