-- A deprecation announced for a future date is not done yet (issue: the catalog says what EC2
-- means). History gets two new kinds: 'deprecation-scheduled' when DeprecationTime is set or moved
-- to a future time, and 'made-public' when an image becomes public (its own entry in the feeds).
-- 'deprecated' is recorded when the time passes; deprecation_noted holds the DeprecationTime whose
-- passing was recorded, so that it is recorded once.

ALTER TABLE images ADD COLUMN deprecation_noted TEXT;
-- What was already deprecated before this migration was announced the old way: nothing to add.
UPDATE images SET deprecation_noted = deprecation_time
WHERE deprecation_time IS NOT NULL AND deprecation_time <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
-- The deprecations still to be noticed; small, and what the check reads.
CREATE INDEX images_deprecation_pending ON images (deprecation_time)
WHERE deprecation_time IS NOT NULL AND deprecation_noted IS NOT deprecation_time;

-- SQLite cannot change a CHECK constraint: the events table is made again with the new kinds.
CREATE TABLE image_events_new (
  id         INTEGER PRIMARY KEY,
  image_row  INTEGER NOT NULL REFERENCES images (id),
  at         TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('appeared', 'changed', 'deprecated', 'removed',
                                              'deprecation-scheduled', 'made-public')),
  detail     TEXT,   -- JSON: for 'changed' and 'made-public', {field: [old, new]}; for deprecations, {deprecationTime}
  listing_id INTEGER REFERENCES sync_listings (id)
);
INSERT INTO image_events_new (id, image_row, at, kind, detail, listing_id)
SELECT id, image_row, at, kind, detail, listing_id FROM image_events;
DROP TABLE image_events;
ALTER TABLE image_events_new RENAME TO image_events;
CREATE INDEX image_events_image ON image_events (image_row, at);
CREATE INDEX image_events_at ON image_events (at);
