-- Deadlines D1–D6 (config/deadlines.yaml): one row per running, met, breached or ended deadline.
-- A repeating deadline (D4, D6) gets a new row for each round, belonging to the same starting event.

CREATE TABLE deadline_run (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deadline_id     VARCHAR(16)  NOT NULL,     -- D1 … D6, as in deadlines.yaml
    event_key       VARCHAR(32)  NOT NULL REFERENCES inbound_event (event_key),  -- the event that started it
    duf_number      VARCHAR(12),               -- the case (per event and per case); personal data, never logged or shown
    udi_region      VARCHAR(60),               -- the UDI region (per udiRegion: D6)
    round           INT          NOT NULL,     -- 1, then 2, 3 … for each repeat
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    at_risk_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    status          VARCHAR(10)  NOT NULL,     -- RUNNING | MET | BREACHED | ENDED
    -- Set only while RUNNING: the deadline and what it belongs to (event, hashed case, or region), so
    -- that at most one runs per case or region whatever the number of instances. NULLs never collide.
    open_key        VARCHAR(80)  UNIQUE,
    at_risk_alerted_at TIMESTAMP WITH TIME ZONE,
    breached_at     TIMESTAMP WITH TIME ZONE,  -- when the hub marked the breach (the limit passed at due_at)
    closed_at       TIMESTAMP WITH TIME ZONE,  -- when it was met, or ended; for a breach, when it was met late
    closed_by       VARCHAR(40),               -- the closing event's key, or 'delivered'
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_deadline_run_status ON deadline_run (status, id);
CREATE INDEX ix_deadline_run_event ON deadline_run (event_key);
CREATE INDEX ix_deadline_run_case ON deadline_run (duf_number, deadline_id, status);
