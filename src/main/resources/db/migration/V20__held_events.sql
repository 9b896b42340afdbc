-- An event a centre sent about another centre's resident is held for ops (status HELD) instead of
-- being dispatched: why (centre ids and nothing personal), and who released or rejected it.
ALTER TABLE inbound_event ADD COLUMN held_reason VARCHAR(200);
ALTER TABLE inbound_event ADD COLUMN reviewed_by VARCHAR(100);
