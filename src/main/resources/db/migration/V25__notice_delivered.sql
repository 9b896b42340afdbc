-- The ops console counts, per office, the notices delivered in the last 24 hours. Only delivered
-- notices have a delivered_at, so this index holds the recent deliveries at its end: the count reads
-- those, however long the delivered history. With the office in it, PostgreSQL can answer from the
-- index alone where the table's pages are all visible.
CREATE INDEX ix_notice_delivered ON notice (delivered_at, office_id);
