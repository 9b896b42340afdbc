-- A duty whose recipient could not be resolved is followed up until it is resolved: the priority the
-- notice would have had, the municipality looked up (a number, not personal data), the fallback
-- office that got the notice meanwhile, and who resolved it with which notice.
ALTER TABLE dispatch_gap ADD COLUMN priority VARCHAR(8) NOT NULL DEFAULT 'NORMAL';
ALTER TABLE dispatch_gap ADD COLUMN municipality VARCHAR(4);
ALTER TABLE dispatch_gap ADD COLUMN fallback_office_id VARCHAR(64);
ALTER TABLE dispatch_gap ADD COLUMN resolved_notice_id VARCHAR(32);
ALTER TABLE dispatch_gap ADD COLUMN resolved_by VARCHAR(100);
ALTER TABLE dispatch_gap ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_dispatch_gap_open ON dispatch_gap (resolved_at, id);
