-- The clean-up actions (issue 12): deregistering an owned image (and its snapshots), deprecating and
-- un-deprecating one, logged with the launches, copies and new images. SQLite cannot change a CHECK,
-- so the table is made again with the wider one and its rows copied (ids kept: pages link them).
CREATE TABLE actions_new (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('launch', 'copy', 'create-image', 'deregister', 'deprecate', 'undeprecate')),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  who           TEXT NOT NULL,
  region        TEXT NOT NULL,
  image_id      TEXT,
  source_region TEXT,
  request       TEXT NOT NULL,
  client_token  TEXT UNIQUE,
  status        TEXT NOT NULL,          -- as before; a clean-up action: pending | done | failed
  result        TEXT,                   -- JSON; a deregistration: deregistered, deletedSnapshots, stoppedAt
  error         TEXT
);
INSERT INTO actions_new SELECT id, kind, created_at, updated_at, who, region, image_id, source_region, request,
  client_token, status, result, error FROM actions;
DROP TABLE actions;
ALTER TABLE actions_new RENAME TO actions;
CREATE INDEX actions_created ON actions (created_at DESC);
CREATE INDEX actions_image ON actions (region, image_id);
