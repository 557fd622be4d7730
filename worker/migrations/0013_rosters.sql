-- The roster of registered poor students (issue 28, ../shared/spec/roster.md): a unit's roster per
-- period in append-only revisions, like submissions. What a student row holds is what the server may
-- know: the keyed hash of the ID (HMAC-SHA256 with the Worker secret ROSTER_ID_KEY, its first 128 bits), the
-- masked ID (first 6, eight *, last 4), the county, the stage, whether aided and which warnings the
-- clerk explained. Never the raw ID, never the name, never an explanation's text (it may name a child);
-- the CHECKs below refuse a row that could hold either.

CREATE TABLE roster_revisions (
  id              INTEGER PRIMARY KEY,
  period_code     TEXT NOT NULL REFERENCES periods (code),
  unit_code       TEXT NOT NULL REFERENCES regions (code),
  revision        INTEGER NOT NULL CHECK (revision >= 1),
  submitted_by    TEXT NOT NULL REFERENCES tokens (id),
  submitted_at    TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  -- SHA-256 of the stored rows (keyed hashes, not IDs): a repeated key with another roster is told apart.
  content_sha256  TEXT NOT NULL CHECK (length(content_sha256) = 64),
  students        INTEGER NOT NULL CHECK (students >= 0),
  UNIQUE (period_code, unit_code, revision),
  UNIQUE (submitted_by, unit_code, idempotency_key)
);

-- One row per student of a revision. period_code is copied from the revision by the INSERT, for the
-- (period, hash) index that finds a student in other units' rosters without reading theirs.
-- stage: the index in ROSTER_STAGES (0 学前 … 4 高等); explained: bits of the explained warnings
-- (1 R10.4, 2 R10.5, 4 X10.2).
CREATE TABLE roster_students (
  roster_id   INTEGER NOT NULL REFERENCES roster_revisions (id),
  position    INTEGER NOT NULL CHECK (position >= 0),
  period_code TEXT NOT NULL,
  id_hash     BLOB NOT NULL CHECK (typeof(id_hash) = 'blob' AND length(id_hash) = 16),
  masked_id   TEXT NOT NULL CHECK (length(masked_id) = 18 AND substr(masked_id, 7, 8) = '********'),
  county_code TEXT NOT NULL CHECK (length(county_code) = 6),
  stage       INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 4),
  aided       INTEGER NOT NULL CHECK (aided IN (0, 1)),
  explained   INTEGER NOT NULL CHECK (explained BETWEEN 0 AND 7),
  PRIMARY KEY (roster_id, position)
) WITHOUT ROWID;
CREATE INDEX roster_students_by_hash ON roster_students (period_code, id_hash);

CREATE TRIGGER roster_revisions_no_update BEFORE UPDATE ON roster_revisions
BEGIN
  SELECT RAISE(ABORT, 'roster revisions are append-only');
END;

CREATE TRIGGER roster_revisions_no_delete BEFORE DELETE ON roster_revisions
BEGIN
  SELECT RAISE(ABORT, 'roster revisions are append-only');
END;

CREATE TRIGGER roster_students_no_update BEFORE UPDATE ON roster_students
BEGIN
  SELECT RAISE(ABORT, 'roster students are append-only');
END;

CREATE TRIGGER roster_students_no_delete BEFORE DELETE ON roster_students
BEGIN
  SELECT RAISE(ABORT, 'roster students are append-only');
END;

-- As 0010 for submissions: a locked period takes no roster revision unless unlocked for the unit.
CREATE TRIGGER roster_revisions_insert_only_while_open BEFORE INSERT ON roster_revisions
WHEN EXISTS (SELECT 1 FROM periods p WHERE p.code = NEW.period_code AND p.status = 'locked')
  AND NOT EXISTS (SELECT 1 FROM period_unlocks u
                  WHERE u.period_code = NEW.period_code AND u.unit_code = NEW.unit_code AND u.closed_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'tianbao:period-locked: the period is locked; no roster revision may be stored');
END;

-- X10.1: a period may require rosters (set by the admin like require_stamped_copy): then a report's
-- 教扶01 stage counts of each county must equal the county's latest roster's.
ALTER TABLE periods ADD COLUMN require_roster INTEGER NOT NULL DEFAULT 0 CHECK (require_roster IN (0, 1));
