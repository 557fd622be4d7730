-- Outlier ranges set by hand (issue 30): the province sets a unit's range of one field in a period,
-- with a note, where the robust range does not fit what it knows; or clears it (low and high NULL),
-- back to the computed range. Kept like every record here: never changed or deleted, so the rows
-- are the field's history and the audit log says who did what. The newest row per unit and field
-- counts. The checks are the promise: a range is 0 ≤ low ≤ high, a note says why, and a locked
-- period takes no setting.
CREATE TABLE outlier_range_settings (
  id          INTEGER PRIMARY KEY,
  period_code TEXT NOT NULL REFERENCES periods (code),
  unit_code   TEXT NOT NULL REFERENCES regions (code),
  field_code  TEXT NOT NULL,
  low         REAL,
  high        REAL,
  note        TEXT NOT NULL CHECK (length(trim(note)) >= 5),
  set_by      TEXT NOT NULL REFERENCES tokens (id),
  set_at      TEXT NOT NULL,
  CHECK ((low IS NULL AND high IS NULL) OR (low IS NOT NULL AND high IS NOT NULL AND low >= 0 AND high >= low))
);

CREATE INDEX outlier_range_settings_by_unit ON outlier_range_settings (period_code, unit_code, field_code, id);

CREATE TRIGGER outlier_range_settings_never_updated
BEFORE UPDATE ON outlier_range_settings
BEGIN
  SELECT RAISE(ABORT, 'outlier range settings are kept as set');
END;

CREATE TRIGGER outlier_range_settings_never_deleted
BEFORE DELETE ON outlier_range_settings
BEGIN
  SELECT RAISE(ABORT, 'outlier range settings are kept as set');
END;

CREATE TRIGGER outlier_range_settings_only_while_open
BEFORE INSERT ON outlier_range_settings
WHEN EXISTS (SELECT 1 FROM periods p WHERE p.code = NEW.period_code AND p.status = 'locked')
BEGIN
  SELECT RAISE(ABORT, 'tianbao:period-locked: the period is locked; no outlier range may be set');
END;
