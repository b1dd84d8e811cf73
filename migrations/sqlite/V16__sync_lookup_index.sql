-- The sync's lookups read only the index (issue 13). Each page of a listing looks its images up by
-- (region, image_id) for their content hash, scopes, category and tombstone, and each complete
-- listing reads its region's live rows with the scope's bit: through the table's UNIQUE
-- (region, image_id) index, both read every row itself, about 1.1 KB of JSON and text each, to get
-- a few small columns. A re-sync that changes nothing is mostly these reads: with this covering
-- index it read 60 MB instead of 1.1 GB at 1M images, and took a third less time (bench, 300,000 images).
CREATE INDEX images_sync ON images (region, image_id, content_hash, scopes, category, removed_at);
