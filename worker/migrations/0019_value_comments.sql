-- A thread per value (issue 30, item 3): the unit's clerk and those who review it write to one cell of
-- the unit's report, a conversation that lives across revisions and periods. So a comment is keyed by
-- (unit, sheet, cell), not by revision or period; the period and revision it was written against are
-- kept for context, with what the cell named then (row and field, through that period's layout).
-- Return comments pinned to cells stay where they are (review_actions.cell_references) and are read
-- into the thread beside these (worker/db/value-comments-repository.ts).
CREATE TABLE value_comments (
  id          INTEGER PRIMARY KEY,
  unit_code   TEXT NOT NULL REFERENCES regions (code),
  sheet_code  TEXT NOT NULL,
  cell        TEXT NOT NULL CHECK (cell GLOB '[A-Z]*[0-9]'),
  row_key     TEXT NOT NULL,
  field_code  TEXT NOT NULL,
  period_code TEXT NOT NULL REFERENCES periods (code),
  -- The unit's latest revision in that period when written; NULL: it had none yet.
  revision    INTEGER CHECK (revision IS NULL OR revision >= 1),
  author      TEXT NOT NULL REFERENCES tokens (id),
  -- clerk: the unit's own clerk; reviewer: a clerk of a unit above it or the province.
  role        TEXT NOT NULL CHECK (role IN ('clerk', 'reviewer')),
  text        TEXT NOT NULL CHECK (length(trim(text)) > 0 AND length(text) <= 1000),
  written_at  TEXT NOT NULL
);

CREATE INDEX value_comments_by_cell ON value_comments (unit_code, sheet_code, cell, id);

-- Said is said: a comment is never changed or deleted; a correction is another comment.
CREATE TRIGGER value_comments_no_update BEFORE UPDATE ON value_comments
BEGIN
  SELECT RAISE(ABORT, 'value_comments are append-only');
END;

CREATE TRIGGER value_comments_no_delete BEFORE DELETE ON value_comments
BEGIN
  SELECT RAISE(ABORT, 'value_comments are append-only');
END;
