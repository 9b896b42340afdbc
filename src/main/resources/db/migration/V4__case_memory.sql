-- Case memory: what the hub knows of each case, rebuilt from its events in event-time order, and
-- the alerts it raises for ops.

CREATE TABLE case_file (
    duf_number      VARCHAR(12)  PRIMARY KEY,
    birth_date      DATE,                      -- from the newest event (by event time) that gives one
    eighteen_on     DATE,                      -- the 18th birthday, for the turning-18 schedule
    awaiting_settlement_since TIMESTAMP WITH TIME ZONE,  -- null when not awaiting settlement
    last_centre_id  VARCHAR(64),
    last_event_key  VARCHAR(32)  NOT NULL REFERENCES inbound_event (event_key),  -- newest by event time
    last_event_time TIMESTAMP WITH TIME ZONE NOT NULL,
    state           TEXT         NOT NULL,     -- the whole case file, JSON (personal data: never logged)
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_case_file_eighteen ON case_file (eighteen_on);
CREATE INDEX ix_case_file_awaiting ON case_file (awaiting_settlement_since);

-- The running AMOT agreements of every case, rewritten with its case file: the tertial report reads these.
CREATE TABLE case_agreement (
    duf_number      VARCHAR(12)  NOT NULL REFERENCES case_file (duf_number),
    agreement_id    VARCHAR(100) NOT NULL,
    municipality_number VARCHAR(4),
    signed_at       TIMESTAMP WITH TIME ZONE,
    event_key       VARCHAR(32)  NOT NULL REFERENCES inbound_event (event_key),  -- the agreement-signed event
    PRIMARY KEY (duf_number, agreement_id)
);

CREATE INDEX ix_case_agreement_municipality ON case_agreement (municipality_number);

-- Something ops must look at. Raised once per alert_key; mailed to the ops mailbox as a notice.
CREATE TABLE alert (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_key       VARCHAR(160) NOT NULL UNIQUE,
    kind            VARCHAR(40)  NOT NULL,
    event_key       VARCHAR(32)  NOT NULL REFERENCES inbound_event (event_key),
    subject         VARCHAR(200) NOT NULL,     -- names duties, deadlines and ids, never people
    detail          VARCHAR(400) NOT NULL,     -- the same rule
    raised_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    notice_id       VARCHAR(32),               -- the mail to the ops mailbox, if one is configured
    acknowledged_by VARCHAR(100),
    acknowledged_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_alert_open ON alert (acknowledged_at, raised_at);
