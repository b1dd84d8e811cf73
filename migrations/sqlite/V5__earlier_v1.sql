-- Catalogs made by builds before bc88753 ran an earlier text of V1__images.sql (Database.migrate
-- accepts their checksums, listed there). This brings their schema to what today's V1 creates;
-- on any other catalog it changes nothing but rebuilding the full-text index once.

-- Builds before 5eb30c9 lack one or both of these indexes (before d6b2675: both).
CREATE INDEX IF NOT EXISTS images_image_id ON images (image_id);
CREATE INDEX IF NOT EXISTS images_region_name ON images (region, name);

-- Builds fc3cba9 and 5eb30c9 made images_fts with prefix = '2 3', which FTS5 cannot drop: the
-- table is made again and refilled from images (external content, so nothing is lost). The
-- images_fts_* triggers are on images and survive the DROP.
DROP TABLE images_fts;
CREATE VIRTUAL TABLE images_fts USING fts5 (
  name, description, owner_alias, tags_text,
  content = 'images', content_rowid = 'id'
);
INSERT INTO images_fts (images_fts) VALUES ('rebuild');

-- A cold load cut short (sync.BulkLoad) dropped the indexes and saved their definitions, to be
-- run again at the next start: it must not re-create the two indexes this migration just made.
UPDATE catalog_meta
SET value = (SELECT json_group_array(d.value) FROM json_each(catalog_meta.value) AS d
             WHERE d.value NOT GLOB 'CREATE INDEX images_image_id *'
               AND d.value NOT GLOB 'CREATE INDEX images_region_name *')
WHERE key = 'bulk_load_pending_definitions';
