-- 名册有、库无 explained (issue 29, ../shared/spec/roster.md "Comparison"): a student of a roster who is in
-- no entry of the period's poverty list is a warning (X10.3) the county explains on the 说明 sheet, as
-- it does X10.2. What is kept is only that it was explained, per student of a revision: never the text
-- (it may name a child). roster_students.explained's CHECK (0–7) leaves no bit for it, and a landed
-- table is not rebuilt, so the mark has its own table, written in the revision's batch and never changed.
CREATE TABLE roster_unlisted_explained (
  roster_id INTEGER NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (roster_id, position),
  FOREIGN KEY (roster_id, position) REFERENCES roster_students (roster_id, position)
) WITHOUT ROWID;

CREATE TRIGGER roster_unlisted_explained_no_update BEFORE UPDATE ON roster_unlisted_explained
BEGIN
  SELECT RAISE(ABORT, 'roster explanations are append-only');
END;

CREATE TRIGGER roster_unlisted_explained_no_delete BEFORE DELETE ON roster_unlisted_explained
BEGIN
  SELECT RAISE(ABORT, 'roster explanations are append-only');
END;
