-- Issue 11: an organisation's catalog. The accounts a sync lists through: from --accounts FILE,
-- from --organization-role (the Organization's active accounts), or the one account the
-- credentials belong to. Written by each sync (a label or role may change between runs).
CREATE TABLE accounts (
  id          TEXT PRIMARY KEY,   -- 12-digit account id
  label       TEXT,               -- a name people know it by, e.g. "golden-images" (null: none given)
  role_arn    TEXT,               -- the role assumed through STS; null: the credentials' own account
  origin      TEXT NOT NULL CHECK (origin IN ('credentials', 'file', 'organization')),
  updated_at  TEXT NOT NULL       -- the last sync that listed through it
);

-- Which account sees a private or shared image, and how: the bits of that account's own listings
-- (Scope.SELF: owns it; Scope.SHARED: another account shared it with this one) whose latest complete
-- listing saw it. Public scopes (amazon, marketplace, community) answer the same in every account:
-- they are listed once a region and kept on images.scopes alone. images.scopes holds the OR of an
-- image's sightings, so an image goes (tombstone) only when no account's complete listing sees it.
-- Images of a catalog from before V14 have none until the first sync gives them the account's.
CREATE TABLE image_sightings (
  image_row  INTEGER NOT NULL REFERENCES images (id),
  account_id TEXT    NOT NULL,
  scopes     INTEGER NOT NULL,
  PRIMARY KEY (image_row, account_id)
) WITHOUT ROWID;
-- A listing that ends finds the account's sightings it did not see; the account facet counts them.
CREATE INDEX image_sightings_account ON image_sightings (account_id, image_row);

-- A listing is now (account, region, scope); null: a listing of no account (import, the demo,
-- the bench), or of a catalog from before V14.
ALTER TABLE sync_listings ADD COLUMN account_id TEXT;
-- AWS calls a run made (its listings, AssumeRole, DescribeRegions; retries counted), for /sync.
ALTER TABLE sync_runs ADD COLUMN aws_calls INTEGER;
