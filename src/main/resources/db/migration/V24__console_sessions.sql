-- Console sessions: one row per signed-in person. The browser holds a random 256-bit id; only its
-- SHA-256 is stored, so a copy of this table opens no session. Expired rows are purged by the hub.
CREATE TABLE console_session (
    id_sha256       VARCHAR(64)  NOT NULL PRIMARY KEY,  -- hex
    person          VARCHAR(200) NOT NULL,              -- the person's login name
    roles           VARCHAR(200) NOT NULL,              -- comma-separated: staff, ops, ops-pii
    csrf_token      VARCHAR(64)  NOT NULL,              -- every form POST must carry it
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_console_session_seen ON console_session (last_seen_at);

-- What a person wrote when acknowledging a task in the console: free text, so it is never logged
-- and never put in a URL; it is shown beside the task.
CREATE TABLE console_task_note (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notice_id       VARCHAR(100) NOT NULL,
    person          VARCHAR(200) NOT NULL,
    note            VARCHAR(2000) NOT NULL,
    written_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_console_task_note_notice ON console_task_note (notice_id);
