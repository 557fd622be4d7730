-- 比对 stored (issue 29): the comparison of the latest rosters (0013) with the period's poverty list
-- (0015), kept per county as rosters and lists arrive, like the consolidation's stored totals (0008).
-- Triggers record, in the transaction that changes a roster or the list, which counties' figures it
-- may change (the outbox); the queue's consumer recomputes those counties; a read serves a county's
-- stored figures only when no change of that county is newer than what they were computed after, and
-- computes the others on read. Counts only: nothing here names a student (no hash, no masked ID).

-- A county whose figures a roster revision or a list upload may change, once per (county, source).
-- source: 'roster <roster_revisions.id>', 'list <poverty_list_uploads.id>' or 'before 0018'.
CREATE TABLE roster_comparison_changes (
  id          INTEGER PRIMARY KEY,
  period_code TEXT NOT NULL,
  county_code TEXT NOT NULL,
  source      TEXT NOT NULL,
  changed_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
-- Also the reads' index: a county's changes and their ids (the rowid), without the table.
CREATE UNIQUE INDEX roster_comparison_changes_once ON roster_comparison_changes (period_code, county_code, source);

-- A roster student changes its county's roster side, and the list side of the county the list has
-- the same person in (库有、名册无 counts people in no latest roster, whichever county's).
CREATE TRIGGER roster_students_comparison_change AFTER INSERT ON roster_students
BEGIN
  INSERT OR IGNORE INTO roster_comparison_changes (period_code, county_code, source)
  VALUES (NEW.period_code, NEW.county_code, 'roster ' || NEW.roster_id);
  INSERT OR IGNORE INTO roster_comparison_changes (period_code, county_code, source)
  SELECT e.period_code, e.county_code, 'roster ' || NEW.roster_id FROM poverty_list_entries e
  WHERE e.period_code = NEW.period_code AND e.id_hash = NEW.id_hash AND e.county_code <> NEW.county_code;
END;

-- A new revision stops its unit's previous one counting: the previous one's counties change too.
CREATE TRIGGER roster_revisions_comparison_change AFTER INSERT ON roster_revisions
BEGIN
  INSERT OR IGNORE INTO roster_comparison_changes (period_code, county_code, source)
  SELECT DISTINCT s.period_code, s.county_code, 'roster ' || NEW.id FROM roster_revisions p JOIN roster_students s ON s.roster_id = p.id
  WHERE p.period_code = NEW.period_code AND p.unit_code = NEW.unit_code AND p.revision = NEW.revision - 1;
  INSERT OR IGNORE INTO roster_comparison_changes (period_code, county_code, source)
  SELECT DISTINCT e.period_code, e.county_code, 'roster ' || NEW.id
  FROM roster_revisions p JOIN roster_students s ON s.roster_id = p.id
  JOIN poverty_list_entries e ON e.period_code = s.period_code AND e.id_hash = s.id_hash
  WHERE p.period_code = NEW.period_code AND p.unit_code = NEW.unit_code AND p.revision = NEW.revision - 1;
END;

-- A list upload replaces the period's list: every county's figures may change.
CREATE TRIGGER poverty_list_uploads_comparison_change AFTER INSERT ON poverty_list_uploads
BEGIN
  INSERT OR IGNORE INTO roster_comparison_changes (period_code, county_code, source)
  SELECT NEW.period_code, code, 'list ' || NEW.id FROM regions WHERE level = 'county';
END;

-- Rosters and lists stored before this migration: every county of their periods, recomputed on the first read or nudge.
INSERT INTO roster_comparison_changes (period_code, county_code, source)
SELECT p.period_code, r.code, 'before 0018'
FROM (SELECT period_code FROM roster_revisions UNION SELECT period_code FROM poverty_list_uploads) p, regions r WHERE r.level = 'county';

-- A county's figures as last computed, and what from: the newest of its changes then (changes_through)
-- and the period's list upload then (list_upload_id, NULL: none). The stage counts are in the next table.
CREATE TABLE roster_comparison_counties (
  period_code     TEXT NOT NULL REFERENCES periods (code),
  county_code     TEXT NOT NULL CHECK (length(county_code) = 6),
  list            INTEGER NOT NULL CHECK (list >= 0),
  list_only       INTEGER NOT NULL CHECK (list_only BETWEEN 0 AND list),
  changes_through INTEGER NOT NULL CHECK (changes_through >= 0),
  list_upload_id  INTEGER,
  computed_at     TEXT NOT NULL,
  PRIMARY KEY (period_code, county_code)
) WITHOUT ROWID;

-- By stage (the index in ROSTER_STAGES, as roster_students.stage): the county's students in the latest
-- rosters, and how many of them are in the list (核准). Written with its county's row, in one batch.
CREATE TABLE roster_comparison_stages (
  period_code TEXT NOT NULL,
  county_code TEXT NOT NULL,
  stage       INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 4),
  roster      INTEGER NOT NULL CHECK (roster >= 0),
  verified    INTEGER NOT NULL CHECK (verified BETWEEN 0 AND roster),
  PRIMARY KEY (period_code, county_code, stage),
  FOREIGN KEY (period_code, county_code) REFERENCES roster_comparison_counties (period_code, county_code)
) WITHOUT ROWID;
