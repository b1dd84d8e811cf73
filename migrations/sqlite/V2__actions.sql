-- Everything the catalog asked AWS to do that costs money or changes the account: launches,
-- image copies and image creations. One row per attempt, whatever its outcome.
CREATE TABLE actions (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('launch', 'copy', 'create-image')),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  who           TEXT NOT NULL,          -- the caller's AWS identity (ARN) and the browser's address
  region        TEXT NOT NULL,          -- where the action ran (the target region of a copy)
  image_id      TEXT,                   -- the image launched / copied / the image created
  source_region TEXT,                   -- copies: where the source image lives
  request       TEXT NOT NULL,          -- JSON: exactly what was asked (type, subnet, count, regions, …)
  client_token  TEXT UNIQUE,            -- idempotency token sent to EC2: a resubmit finds this row
  status        TEXT NOT NULL,          -- dry-run-ok | dry-run-failed | refused | started | pending | available | failed
  result        TEXT,                   -- JSON: instance ids, new image id, states
  error         TEXT                    -- the readable error, when any
);
CREATE INDEX actions_created ON actions (created_at DESC);
CREATE INDEX actions_image ON actions (region, image_id);
