-- Consolidation as reports arrive (issue 15). Every change to what consolidation may include is
-- written by a trigger in the same transaction as the change (an outbox: nothing is lost when the
-- queue's nudge is); a queue consumer folds the pending changes into stored totals per unit, and a
-- pull reads those totals instead of every included revision's values.

CREATE TABLE consolidation_changes (
  id            INTEGER PRIMARY KEY,
  period_code   TEXT NOT NULL,
  unit_code     TEXT NOT NULL,
  submission_id INTEGER NOT NULL,
  status        TEXT NOT NULL,
  changed_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  folded_at     TEXT
);
CREATE INDEX consolidation_changes_pending ON consolidation_changes (period_code, unit_code, id) WHERE folded_at IS NULL;
CREATE INDEX consolidation_changes_by_period ON consolidation_changes (period_code, id);

CREATE TRIGGER submissions_change_on_insert AFTER INSERT ON submissions
BEGIN
  INSERT INTO consolidation_changes (period_code, unit_code, submission_id, status)
  VALUES (NEW.period_code, NEW.prefecture_code, NEW.id, NEW.status);
END;

CREATE TRIGGER submissions_change_on_review AFTER UPDATE OF status ON submissions
WHEN NEW.status IS NOT OLD.status
BEGIN
  INSERT INTO consolidation_changes (period_code, unit_code, submission_id, status)
  VALUES (NEW.period_code, NEW.prefecture_code, NEW.id, NEW.status);
END;

-- Revisions stored before this migration: one change per unit, folded on the first nudge.
INSERT INTO consolidation_changes (period_code, unit_code, submission_id, status)
SELECT period_code, prefecture_code, max(id), 'submitted' FROM submissions GROUP BY period_code, prefecture_code;

-- The revision each unit reporting to the province contributes, per inclusion ('latest': newest not
-- returned; 'accepted': newest accepted); no row when it contributes none.
CREATE TABLE consolidation_nodes (
  period_code   TEXT NOT NULL,
  inclusion     TEXT NOT NULL CHECK (inclusion IN ('latest', 'accepted')),
  unit_code     TEXT NOT NULL,
  submission_id INTEGER NOT NULL REFERENCES submissions (id),
  PRIMARY KEY (period_code, inclusion, unit_code)
) WITHOUT ROWID;

-- The stored totals of every unit (province, prefectures, their counties) by sheet and field, in the
-- integer units of submission_values (money in hundredths): sums exactly, and the distinct counts of
-- list sheets. No row where nothing was reported. Computed fields (ratios) are recomputed on read.
CREATE TABLE consolidation_totals (
  period_code TEXT NOT NULL,
  inclusion   TEXT NOT NULL CHECK (inclusion IN ('latest', 'accepted')),
  unit_code   TEXT NOT NULL,
  sheet_code  TEXT NOT NULL,
  field_code  TEXT NOT NULL,
  amount      INTEGER NOT NULL,
  PRIMARY KEY (period_code, inclusion, unit_code, sheet_code, field_code)
) WITHOUT ROWID;

-- The key set behind each distinct count (教扶06: universities; counties and townships), per unit:
-- holders = how many of the unit's children hold the key (1 for the unit whose revision lists it), so
-- that a parent's set follows one child's change without reading the other children's rows.
CREATE TABLE consolidation_keys (
  period_code TEXT NOT NULL,
  inclusion   TEXT NOT NULL CHECK (inclusion IN ('latest', 'accepted')),
  unit_code   TEXT NOT NULL,
  sheet_code  TEXT NOT NULL,
  field_code  TEXT NOT NULL,
  key         TEXT NOT NULL,
  holders     INTEGER NOT NULL CHECK (holders > 0),
  PRIMARY KEY (period_code, inclusion, unit_code, sheet_code, field_code, key)
) WITHOUT ROWID;

-- Scratch rows of one fold (emptied before its batch commits): the keys whose holders it recounts.
CREATE TABLE consolidation_key_scratch (
  sheet_code TEXT NOT NULL,
  field_code TEXT NOT NULL,
  key        TEXT NOT NULL,
  PRIMARY KEY (sheet_code, field_code, key)
) WITHOUT ROWID;

-- A fold's first statement writes NULL here (and so aborts its batch) when the revisions it read are
-- no longer the ones included: a fold computed from a stale read never lands.
CREATE TABLE consolidation_fence (ok INTEGER NOT NULL);
