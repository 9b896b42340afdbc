-- Each notice carries its case's DUF number, so a case's notices are found through one index:
-- a join through inbound_event, or a long list of event keys, lets PostgreSQL fall back to reading
-- the whole notice table while it has no statistics yet (a new or restored database).

ALTER TABLE notice ADD COLUMN duf_number VARCHAR(12);  -- personal data, never logged
UPDATE notice SET duf_number = (SELECT e.duf_number FROM inbound_event e WHERE e.event_key = notice.event_key);
CREATE INDEX ix_notice_case ON notice (duf_number, duty);
