-- The catalog's own secrets, made once when a catalog is first served: the key that signs CSRF
-- tokens and confirmation nonces. Kept in the catalog file (created 0600), so every process that
-- serves the same file agrees on it.
CREATE TABLE secrets (
  name       TEXT PRIMARY KEY,
  value      BLOB NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
