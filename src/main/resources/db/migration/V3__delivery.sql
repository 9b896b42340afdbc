-- Delivery: the notice table becomes the outbox, and every attempt and ops action is kept.

ALTER TABLE notice ADD COLUMN office_name VARCHAR(200) DEFAULT '' NOT NULL;
ALTER TABLE notice ADD COLUMN document TEXT DEFAULT '' NOT NULL;   -- the standardised notice every channel delivers
ALTER TABLE notice ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE notice ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;  -- when it is due (CREATED, FAILED)
ALTER TABLE notice ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;      -- a SENDING claim expires here (crash recovery)
ALTER TABLE notice ADD COLUMN last_error VARCHAR(400);                    -- names the failure, never content
ALTER TABLE notice ADD COLUMN delivered_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE notice ADD COLUMN receipt VARCHAR(200);
UPDATE notice SET next_attempt_at = created_at;

CREATE INDEX ix_notice_claim ON notice (status, next_attempt_at);
CREATE INDEX ix_notice_office ON notice (office_id, status);

CREATE TABLE delivery_attempt (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notice_id       VARCHAR(32)  NOT NULL REFERENCES notice (notice_id),
    attempt         INT          NOT NULL,
    channel         VARCHAR(10)  NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome         VARCHAR(12)  NOT NULL,  -- DELIVERED | RETRY | DEAD
    detail          VARCHAR(400),           -- receipt or failure name; never content
    next_attempt_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_delivery_attempt_notice ON delivery_attempt (notice_id);

CREATE TABLE notice_action (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notice_id       VARCHAR(32)  NOT NULL REFERENCES notice (notice_id),
    action          VARCHAR(12)  NOT NULL,  -- REPLAY | CANCEL
    actor           VARCHAR(100) NOT NULL,  -- the ops credential's name
    at              TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_notice_action_notice ON notice_action (notice_id);
