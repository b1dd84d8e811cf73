-- Issue 16: the images table keeps every DescribeImages field, states its reason as EC2 does,
-- stores times as UTC instants, and a listing counts the image ids a source repeated.

-- Fields earlier builds dropped. ImageAllowed is the account's Allowed AMIs verdict (1/0, NULL when
-- EC2 did not say); image_watermarks is a JSON array as DescribeImages returns it; other_fields a JSON
-- object of every field the table has no column for (ScanResults, InstanceTypeSpecification, and
-- whatever EC2 adds later), as the source gave them.
ALTER TABLE images ADD COLUMN image_allowed INTEGER;
ALTER TABLE images ADD COLUMN public_ssm_parameter_name TEXT;
ALTER TABLE images ADD COLUMN image_watermarks TEXT;
ALTER TABLE images ADD COLUMN other_fields TEXT;
-- creation_date, deprecation_time and last_launched_time hold UTC instants in AWS's shape
-- (2024-05-01T10:00:00.000Z), so that comparing the text compares the times. A time a source gave
-- in another shape (2024-05-01T12:00:00+02:00) keeps that text here: {"CreationDate": "..."}.
ALTER TABLE images ADD COLUMN times_as_given TEXT;

-- state_reason was "Code: Message"; it is now EC2's object as JSON, {"Code": ..., "Message": ...}.
UPDATE images
SET state_reason = CASE
    WHEN instr(state_reason, ': ') > 0
    THEN json_object('Code', substr(state_reason, 1, instr(state_reason, ': ') - 1),
                     'Message', substr(state_reason, instr(state_reason, ': ') + 2))
    ELSE json_object('Code', state_reason, 'Message', '') END
WHERE state_reason IS NOT NULL AND NOT json_valid(state_reason);

-- Times stored as an import gave them: to UTC, the text kept; a text that is no time keeps only
-- the text. (AWS's own shape is left as it is.)
UPDATE images
SET times_as_given = (
      SELECT json_group_object(field, given) FROM (
        SELECT 'CreationDate' AS field, creation_date AS given
        WHERE creation_date IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', creation_date)
        UNION ALL SELECT 'DeprecationTime', deprecation_time
        WHERE deprecation_time IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', deprecation_time)
        UNION ALL SELECT 'LastLaunchedTime', last_launched_time
        WHERE last_launched_time IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', last_launched_time))),
    creation_date = strftime('%Y-%m-%dT%H:%M:%fZ', creation_date),
    deprecation_time = strftime('%Y-%m-%dT%H:%M:%fZ', deprecation_time),
    last_launched_time = strftime('%Y-%m-%dT%H:%M:%fZ', last_launched_time)
WHERE creation_date IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', creation_date)
   OR deprecation_time IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', deprecation_time)
   OR last_launched_time IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', last_launched_time);

-- How many records of a listing repeated an image id already listed (the last one is kept).
ALTER TABLE sync_listings ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;

-- V6 noted past deprecations by their text; the times above are now UTC instants: note them as such,
-- or the deprecation check would announce them again.
UPDATE images SET deprecation_noted = deprecation_time
WHERE deprecation_noted IS NOT NULL AND deprecation_noted IS NOT deprecation_time;
