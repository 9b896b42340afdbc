-- Tasks: notices on channel TASK are done by staff (O23: phone the representative and the lawyer).
-- They are due at due_at; an ops acknowledgement marks them DELIVERED and is kept in notice_action.

ALTER TABLE notice ADD COLUMN due_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX ix_notice_task ON notice (channel, status, due_at);
