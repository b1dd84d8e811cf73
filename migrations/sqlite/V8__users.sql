-- Sign-in for a catalog served to a team: users with a role, their sessions (kept across restarts),
-- API tokens for scripts, and recent wrong passwords (for the lockout). Secrets are stored hashed:
-- passwords with BCrypt, session ids and tokens as SHA-256 of 32 random bytes.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'operator')),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE api_tokens (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used  TEXT,
  revoked_at TEXT
);

CREATE TABLE sign_in_failures (
  name TEXT NOT NULL,
  at   TEXT NOT NULL
);
CREATE INDEX sign_in_failures_name ON sign_in_failures (name, at);
