-- Fewer indexes on images (issue 13: the cold load, and every sync that writes, paid for indexes
-- that the search stopped using when it moved to Lucene). Every SQL statement in src/main/java
-- was checked with EXPLAIN QUERY PLAN on a 300,000-image catalog; what each index still serves:
--   images_image_id   /images/{id}, compare, the feeds' AMI-id search: kept
--   images_owner      /latest by account, the audit's account, the clean-up list, the feeds' account search: kept
--   images_name       /latest, copies of an image, the audit's first versions, family rules, /api: kept
--   images_family     the audit, family pages and feeds, /latest's feeds, the clean-up list: kept
--   images_family_unset, images_deprecation_pending (partial, small): the sync's keys and deprecations: kept
--   image_events_image, image_events_at: history on detail and compare, every feed, search refresh: kept
--   UNIQUE (region, image_id), the table's own: the sync's lookups, and now every query by region
-- What goes, and why:

-- No query's plan uses it. It was the search's newest-first order, which Lucene keeps now; the
-- queries ordered by creation date pick their rows by another index first and sort the few they get.
DROP INDEX IF EXISTS images_created;

-- Was the search's region order (Lucene's now). Its other users (the catalog's regions, the sync's
-- rows of a region, the copy form's sample instances) seek region alone, which the UNIQUE
-- (region, image_id) index does as well; only /api's example of a second image (region and a name
-- prefix) reads a region's rows instead of a name range: 26 ms instead of 7 at 300,000 images.
DROP INDEX IF EXISTS images_region_name;

-- Only copies made by CopyImage have a source (1% of the bench's rows, none of the demo's): the copies of an image
-- (its page, the copy form) seek source_image_id = ?, which this partial index serves just as well.
DROP INDEX IF EXISTS images_source;
CREATE INDEX images_source ON images (source_image_id) WHERE source_image_id IS NOT NULL;

-- The full-text index: its only reader left is the feeds' text filter (image.TextSearch.ftsCondition;
-- the search page's words are Lucene's), and a feed lists events, so it needs the text of images
-- that have history only. It now holds those, and no copy of the text (contentless): a cold load
-- writes no events, so it no longer builds a full-text index of every image (a quarter of the time
-- after its pages). Its words are the same: the same columns, the same unicode61 tokenizer.
DROP TRIGGER IF EXISTS images_fts_insert;
DROP TRIGGER IF EXISTS images_fts_delete;
DROP TRIGGER IF EXISTS images_fts_update;
DROP TABLE images_fts;
CREATE VIRTUAL TABLE images_fts USING fts5 (
  name, description, owner_alias, tags_text,
  content = '', contentless_delete = 1
);
INSERT INTO images_fts (rowid, name, description, owner_alias, tags_text)
SELECT id, name, description, owner_alias, tags_text FROM images
WHERE id IN (SELECT image_row FROM image_events);

-- An image's first event puts its text in; a later event finds it there (a change of its text
-- was written by the trigger below, the update coming before its event).
CREATE TRIGGER images_fts_event AFTER INSERT ON image_events
WHEN NOT EXISTS (SELECT 1 FROM image_events WHERE image_row = new.image_row AND id <> new.id) BEGIN
  INSERT OR REPLACE INTO images_fts (rowid, name, description, owner_alias, tags_text)
  SELECT id, name, description, owner_alias, tags_text FROM images WHERE id = new.image_row;
END;
CREATE TRIGGER images_fts_update AFTER UPDATE OF name, description, owner_alias, tags_text ON images
WHEN (old.name IS NOT new.name OR old.description IS NOT new.description OR old.owner_alias IS NOT new.owner_alias
      OR old.tags_text IS NOT new.tags_text)
  AND EXISTS (SELECT 1 FROM image_events WHERE image_row = new.id) BEGIN
  INSERT OR REPLACE INTO images_fts (rowid, name, description, owner_alias, tags_text)
  VALUES (new.id, new.name, new.description, new.owner_alias, new.tags_text);
END;
CREATE TRIGGER images_fts_delete AFTER DELETE ON images BEGIN
  DELETE FROM images_fts WHERE rowid = old.id;
END;

-- A cold load cut short (sync.BulkLoad) saved the definitions it dropped, to be run again at the
-- next start: not those of the indexes and triggers this migration dropped or made itself.
UPDATE catalog_meta
SET value = (SELECT json_group_array(d.value) FROM json_each(catalog_meta.value) AS d
             WHERE d.value NOT GLOB 'CREATE INDEX images_created *'
               AND d.value NOT GLOB 'CREATE INDEX images_region_name *'
               AND d.value NOT GLOB 'CREATE INDEX images_source *'
               AND d.value NOT GLOB 'CREATE TRIGGER images_fts_*')
WHERE key = 'bulk_load_pending_definitions';
