-- Family rules (issue 12): the user's rules, loaded from the file given to --family-rules when a
-- command starts (sync.FamilyRuleStore), kept here so that every process on this catalog (a serve,
-- a cron sync or import) keys families the same way. Tried in position order, before the built-in
-- rules and the name rule (image.FamilyRules).
CREATE TABLE family_rules (
  position INTEGER PRIMARY KEY,
  owner    TEXT NOT NULL,
  pattern  TEXT NOT NULL,
  stream   TEXT,
  origin   TEXT NOT NULL
);

-- The built-in Fedora CoreOS rule splits its one name family into its stable, testing and next
-- streams, read from the description. Keys are written by Java (image.FamilyRules): clearing them
-- here has sync.FamilyKeys write the new ones when the next process opens the catalog (the
-- images_family_unset index lists them), as it did for catalogs from before family keys (V3).
UPDATE images SET family_key = NULL WHERE owner_id = '125523088429' AND name GLOB 'fedora-coreos-*';
