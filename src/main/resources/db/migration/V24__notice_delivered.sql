-- The ops console counts, per office, the notices delivered in the last 24 hours. Only delivered
-- notices have a delivered_at, so this index holds the recent deliveries at its end, and with the
-- office in it the count is read from the index alone, however long the delivered history.
CREATE INDEX ix_notice_delivered ON notice (delivered_at, office_id);
