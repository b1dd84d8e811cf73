-- Drift (issue 12): the instances of each region and the image each runs, listed by the sync's
-- instances scope (DescribeInstances; only what the drift page needs). A complete listing of a
-- region replaces that region's rows; a failed one keeps them. Terminated instances are not kept.
CREATE TABLE instances (
  region      TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  account_id  TEXT,           -- the reservation's owner: the account the instance runs in
  image_id    TEXT NOT NULL,
  state       TEXT NOT NULL,  -- pending | running | stopping | stopped | shutting-down
  launch_time TEXT,           -- UTC instant, as images' times
  name        TEXT,           -- the Name tag
  first_seen  TEXT NOT NULL,  -- when a listing first saw it
  PRIMARY KEY (region, instance_id)
);
-- How many instances run an image: the image page and the clean-up's "in use".
CREATE INDEX instances_image ON instances (image_id, region);

-- Families some instance runs an old version of (superseded, deprecated or removed): a row from
-- the sync that first found it so until the one that found it no longer so (ended). The feed of
-- newly drifting families reads it; summary says what was found, as the feed entry's text.
CREATE TABLE drifting_families (
  id         INTEGER PRIMARY KEY,
  owner      TEXT NOT NULL,   -- as the family page names it: the alias, else the account id
  family_key TEXT NOT NULL,
  since      TEXT NOT NULL,
  ended      TEXT,
  instances  INTEGER NOT NULL,  -- instances on old versions, at the last sync that found it drifting
  summary    TEXT NOT NULL
);
CREATE UNIQUE INDEX drifting_families_open ON drifting_families (owner, family_key) WHERE ended IS NULL;
CREATE INDEX drifting_families_since ON drifting_families (since);
