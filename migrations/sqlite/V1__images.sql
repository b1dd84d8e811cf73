-- One row per (region, image id). Every DescribeImages field is kept: scalar ones as columns,
-- nested ones (block devices, product codes, tags) as canonical JSON text.
CREATE TABLE images (
  id                        INTEGER PRIMARY KEY,
  region                    TEXT    NOT NULL,
  image_id                  TEXT    NOT NULL,
  name                      TEXT,
  description               TEXT,
  owner_id                  TEXT,
  owner_alias               TEXT,
  architecture              TEXT,
  platform                  TEXT,
  platform_details          TEXT,
  usage_operation           TEXT,
  virtualization_type       TEXT,
  hypervisor                TEXT,
  root_device_type          TEXT,
  root_device_name          TEXT,
  image_type                TEXT,
  image_location            TEXT,
  kernel_id                 TEXT,
  ramdisk_id                TEXT,
  state                     TEXT,
  state_reason              TEXT,
  is_public                 INTEGER,
  ena_support               INTEGER,
  sriov_net_support         TEXT,
  boot_mode                 TEXT,
  imds_support              TEXT,
  tpm_support               TEXT,
  creation_date             TEXT,
  deprecation_time          TEXT,
  last_launched_time        TEXT,
  deregistration_protection TEXT,
  source_image_id           TEXT,
  source_image_region       TEXT,
  source_instance_id        TEXT,
  free_tier_eligible        INTEGER,
  product_codes             TEXT,  -- JSON array of {ProductCodeId, ProductCodeType}
  block_device_mappings     TEXT,  -- JSON array as DescribeImages returns it
  tags                      TEXT,  -- JSON object {key: value}, keys sorted
  tags_text                 TEXT,  -- "key value key value", only for the full-text index
  -- Derived: private | shared | public | marketplace (see indexer.Category for the rule).
  category                  TEXT    NOT NULL,
  -- Bit set of the sync scopes whose latest complete listing saw the image (indexer.Scope).
  scopes                    INTEGER NOT NULL DEFAULT 0,
  -- Hash of every stored DescribeImages field: an unchanged image costs no write on re-sync.
  content_hash              INTEGER NOT NULL,
  first_seen                TEXT    NOT NULL,
  last_changed              TEXT    NOT NULL,
  removed_at                TEXT,  -- tombstone: no complete listing sees it any more
  last_seen                 TEXT,  -- set when tombstoned; live rows were seen by their region's last sync
  UNIQUE (region, image_id)
);

CREATE INDEX images_created ON images (creation_date DESC);
CREATE INDEX images_image_id ON images (image_id);
CREATE INDEX images_owner ON images (owner_id);
CREATE INDEX images_name ON images (name);
CREATE INDEX images_region_name ON images (region, name);  -- the search's region order
CREATE INDEX images_source ON images (source_image_id);

CREATE VIRTUAL TABLE images_fts USING fts5 (
  name, description, owner_alias, tags_text,
  content = 'images', content_rowid = 'id'
);

CREATE TRIGGER images_fts_insert AFTER INSERT ON images BEGIN
  INSERT INTO images_fts (rowid, name, description, owner_alias, tags_text)
  VALUES (new.id, new.name, new.description, new.owner_alias, new.tags_text);
END;
CREATE TRIGGER images_fts_delete AFTER DELETE ON images BEGIN
  INSERT INTO images_fts (images_fts, rowid, name, description, owner_alias, tags_text)
  VALUES ('delete', old.id, old.name, old.description, old.owner_alias, old.tags_text);
END;
CREATE TRIGGER images_fts_update AFTER UPDATE OF name, description, owner_alias, tags_text ON images BEGIN
  INSERT INTO images_fts (images_fts, rowid, name, description, owner_alias, tags_text)
  VALUES ('delete', old.id, old.name, old.description, old.owner_alias, old.tags_text);
  INSERT INTO images_fts (rowid, name, description, owner_alias, tags_text)
  VALUES (new.id, new.name, new.description, new.owner_alias, new.tags_text);
END;

-- What happened to an image over time: appeared, changed (which fields), deprecated, removed.
CREATE TABLE image_events (
  id         INTEGER PRIMARY KEY,
  image_row  INTEGER NOT NULL REFERENCES images (id),
  at         TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('appeared', 'changed', 'deprecated', 'removed')),
  detail     TEXT,   -- JSON: for 'changed', {field: [old, new]}
  listing_id INTEGER REFERENCES sync_listings (id)
);
CREATE INDEX image_events_image ON image_events (image_row, at);
CREATE INDEX image_events_at ON image_events (at);

-- One sync run (from `sync`, the scheduler, "Sync now" or `import`).
CREATE TABLE sync_runs (
  id          INTEGER PRIMARY KEY,
  trigger     TEXT NOT NULL,   -- cli | schedule | manual | import | demo | bench
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'partial')),
  error       TEXT
);

-- One (region, scope) listing within a run.
CREATE TABLE sync_listings (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES sync_runs (id),
  region      TEXT    NOT NULL,
  scope       TEXT    NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
  complete    INTEGER NOT NULL DEFAULT 0,  -- 1 when every page was read: only then are tombstones written
  pages       INTEGER NOT NULL DEFAULT 0,
  seen        INTEGER NOT NULL DEFAULT 0,
  added       INTEGER NOT NULL DEFAULT 0,
  changed     INTEGER NOT NULL DEFAULT 0,
  removed     INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  started_at  TEXT    NOT NULL,
  finished_at TEXT
);
CREATE INDEX sync_listings_run ON sync_listings (run_id);
CREATE INDEX sync_listings_region ON sync_listings (region, scope, finished_at);

-- Facts about the catalog itself, e.g. mode = demo and the demo's as-of date.
CREATE TABLE catalog_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
