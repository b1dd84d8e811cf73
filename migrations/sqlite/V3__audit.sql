-- Image families for the region audit: the name with its version stamp abstracted, e.g.
-- amzn2-ami-ecs-hvm-2.0.20250821-arm64-ebs -> amzn2-ami-ecs-hvm-*-arm64-ebs (the rule is
-- audit.Family.key, a Java function). EC2 never renames an image, so a row's key is written once:
-- by the indexer when it inserts the image, or, for rows written before this column existed, by
-- audit.FamilyKeys, which fills the rows the partial index below lists.
ALTER TABLE images ADD COLUMN family_key TEXT;

-- The audit matrix: which families an owner (or a category) has, and per family and region the
-- newest creation date, found by seeks into this index (one per family, one per cell) rather than
-- by reading every image: the matrix of an owner with 400k images costs a few thousand seeks.
-- category leads so the default view (this account's private images) is a seek too; removed_at is
-- in it so that skipping tombstones needs no table row.
CREATE INDEX images_family ON images
  (category, coalesce(owner_alias, owner_id), family_key, region, creation_date, removed_at);

-- Rows still waiting for their family key (empty once filled).
CREATE INDEX images_family_unset ON images (id) WHERE family_key IS NULL AND name IS NOT NULL;
