-- Config reload: every config version a start or a reload accepted, newest last. A version is the
-- content hash of the files that reload (directory, rules, policies, templates); every instance on
-- the database polls the newest and loads it from its own folder when its own files match.
CREATE TABLE config_version (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hash            VARCHAR(64)  NOT NULL,     -- SHA-256, hex
    accepted_by     VARCHAR(100) NOT NULL,     -- the ops credential's name, or 'start'
    accepted_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The config version that decided the notice; empty for notices the hub raises itself (alerts
-- outside a dispatch, schedules) and for notices decided before versions were recorded.
ALTER TABLE notice ADD COLUMN config_version VARCHAR(64);
