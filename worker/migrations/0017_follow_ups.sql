-- 跟进 (issue 30, item 2): whoever reviews a unit marks one of its values for follow-up with a note;
-- the unit's clerk sees it, and either side clears it with a note. A mark is kept like every record
-- here: its value, note and marking never change, it is never deleted, and clearing it is its only move.
CREATE TABLE follow_ups (
  id          INTEGER PRIMARY KEY,
  period_code TEXT NOT NULL REFERENCES periods (code),
  unit_code   TEXT NOT NULL REFERENCES regions (code),
  -- The value, as submission_values stores it; cell is its A1 in the period's layout (教扶04!E7).
  sheet_code  TEXT NOT NULL,
  row_key     TEXT NOT NULL,
  field_code  TEXT NOT NULL,
  cell        TEXT NOT NULL,
  note        TEXT NOT NULL CHECK (length(trim(note)) > 0),
  marked_by   TEXT NOT NULL REFERENCES tokens (id),
  marked_at   TEXT NOT NULL,
  cleared_by  TEXT REFERENCES tokens (id),
  cleared_at  TEXT,
  clear_note  TEXT CHECK (clear_note IS NULL OR length(trim(clear_note)) > 0),
  -- Cleared means all three: who, when and why.
  CHECK ((cleared_by IS NULL) = (cleared_at IS NULL) AND (cleared_at IS NULL) = (clear_note IS NULL))
);

-- At most one open mark per value: a second mark of the same value is refused by the index itself.
CREATE UNIQUE INDEX follow_ups_open_per_value
  ON follow_ups (period_code, unit_code, sheet_code, row_key, field_code) WHERE cleared_at IS NULL;
CREATE INDEX follow_ups_by_unit ON follow_ups (period_code, unit_code, id);

-- The only update: an open mark cleared, nothing else of it changed.
CREATE TRIGGER follow_ups_only_cleared
BEFORE UPDATE ON follow_ups
WHEN OLD.cleared_at IS NOT NULL
  OR NEW.cleared_at IS NULL
  OR NEW.period_code IS NOT OLD.period_code OR NEW.unit_code IS NOT OLD.unit_code
  OR NEW.sheet_code IS NOT OLD.sheet_code OR NEW.row_key IS NOT OLD.row_key OR NEW.field_code IS NOT OLD.field_code
  OR NEW.cell IS NOT OLD.cell OR NEW.note IS NOT OLD.note OR NEW.marked_by IS NOT OLD.marked_by OR NEW.marked_at IS NOT OLD.marked_at
BEGIN
  SELECT RAISE(ABORT, 'follow_ups: an open mark may only be cleared, once');
END;

CREATE TRIGGER follow_ups_never_deleted
BEFORE DELETE ON follow_ups
BEGIN
  SELECT RAISE(ABORT, 'follow_ups are kept');
END;
