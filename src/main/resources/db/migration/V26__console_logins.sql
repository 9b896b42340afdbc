-- Console logins begun at an OpenID Connect issuer and not yet come back: what the callback needs
-- (the nonce the ID token must carry, the PKCE verifier), found by the SHA-256 of the state the
-- browser holds in a short-lived cookie. Kept in the database so the callback may reach any instance;
-- a row is taken (deleted) by its callback and purged once older than the login lifetime.
CREATE TABLE console_login (
    state_sha256    VARCHAR(64)  NOT NULL PRIMARY KEY,  -- hex
    nonce           VARCHAR(200) NOT NULL,
    code_verifier   VARCHAR(200) NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_console_login_started ON console_login (started_at);
