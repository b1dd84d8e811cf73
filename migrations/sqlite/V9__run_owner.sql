-- Which process runs a sync (host name and process id), so that a run whose process was killed
-- (SIGKILL, a crash, a full disk) is ended as failed by the next process that opens the catalog on
-- the same host, instead of showing as running for ever. Listings of such a run never completed,
-- so they removed nothing.
ALTER TABLE sync_runs ADD COLUMN host TEXT;
ALTER TABLE sync_runs ADD COLUMN pid INTEGER;
