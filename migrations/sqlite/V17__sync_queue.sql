-- Sync workers (issue 18): a run can hand its listings to `sync --worker` processes instead of
-- listing them itself. Each row is one (account, region, scope) listing of a run; a worker takes
-- one by setting itself and a lease, renews the lease while it lists, and sets done_at at the end.
-- A lease that runs out (the worker died) lets another worker take the listing over. The run ends
-- when all its rows are done; as always, only complete listings mark images removed.
CREATE TABLE sync_queue (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES sync_runs (id),
  account_id  TEXT,                      -- null: a listing of no account (public scopes, one account)
  region      TEXT    NOT NULL,
  scope       TEXT    NOT NULL,
  cold_load   INTEGER NOT NULL,          -- the catalog was empty when the run was queued: no history
  worker      TEXT,                      -- who holds (or last held) the lease
  lease_until TEXT,                      -- an ISO time; once past, another worker may take the listing
  attempts    INTEGER NOT NULL DEFAULT 0,
  listing_id  INTEGER REFERENCES sync_listings (id),  -- the listing the lease holder writes
  done_at     TEXT
);
-- What a worker looks for: the open listings, oldest first.
CREATE INDEX sync_queue_open ON sync_queue (id) WHERE done_at IS NULL;
CREATE INDEX sync_queue_run ON sync_queue (run_id);
