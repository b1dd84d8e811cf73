-- Issue 11 §2: who can launch what. For each image a catalog account owns, its launch permissions
-- as the last read of DescribeImageAttribute launchPermission answered: 'all' (public), an account
-- id, an organization ARN or an organizational unit ARN. A sync reads them for owned images that
-- are new or changed, and re-reads the longest unread ones, so that sharing changed elsewhere shows.
CREATE TABLE launch_permissions (
  image_row INTEGER NOT NULL REFERENCES images (id),
  grantee   TEXT    NOT NULL,
  PRIMARY KEY (image_row, grantee)
) WITHOUT ROWID;

-- When an owned image's launch permissions were last read, and why the read failed if it did
-- (the permissions above then stay as they were last read).
CREATE TABLE launch_permission_reads (
  image_row INTEGER PRIMARY KEY REFERENCES images (id),
  read_at   TEXT NOT NULL,
  error     TEXT
);

-- Each account's image block public access state per region (GetImageBlockPublicAccessState):
-- 'block-new-sharing' or 'unblocked'; null with the error when it could not be read.
CREATE TABLE block_public_access (
  account_id TEXT NOT NULL,
  region     TEXT NOT NULL,
  state      TEXT,
  error      TEXT,
  read_at    TEXT NOT NULL,
  PRIMARY KEY (account_id, region)
) WITHOUT ROWID;

-- The Organization an account belongs to (o-…), when the Organization was listed: sharing with
-- it or one of its units stays inside.
ALTER TABLE accounts ADD COLUMN organization_id TEXT;

-- What the listing's launch permission reads did, for /sync: "3 read", or how many failed and why.
ALTER TABLE sync_listings ADD COLUMN permissions TEXT;

-- The sharing actions: making an owned image private (removing 'all' from its launch permissions)
-- and taking one grantee's permission away, logged with the other actions. As in V11, the table is
-- made again with the wider CHECK and its rows copied (ids kept: pages link them).
CREATE TABLE actions_new (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('launch', 'copy', 'create-image', 'deregister', 'deprecate', 'undeprecate',
                                              'make-private', 'unshare')),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  who           TEXT NOT NULL,
  region        TEXT NOT NULL,
  image_id      TEXT,
  source_region TEXT,
  request       TEXT NOT NULL,
  client_token  TEXT UNIQUE,
  status        TEXT NOT NULL,
  result        TEXT,
  error         TEXT
);
INSERT INTO actions_new SELECT id, kind, created_at, updated_at, who, region, image_id, source_region, request,
  client_token, status, result, error FROM actions;
DROP TABLE actions;
ALTER TABLE actions_new RENAME TO actions;
CREATE INDEX actions_created ON actions (created_at DESC);
CREATE INDEX actions_image ON actions (region, image_id);
