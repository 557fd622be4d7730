-- The poverty office's list uploaded streamed (issue 29): the rows are hashed and written in chunks as
-- the file arrives, so a list is first staged under its own id and becomes the period's list in one
-- final statement; a reader never sees a list half written, and an upload that fails or is abandoned
-- midway leaves the period's list as it was. What an entry holds is 0015's, unchanged: the keyed hash
-- (16 bytes), the masked ID, the county, the row number; never the raw ID.

-- One staged list: `entries` is NULL while its rows are still arriving, then how many it holds.
CREATE TABLE poverty_list_stagings (
  id          INTEGER PRIMARY KEY,
  period_code TEXT NOT NULL REFERENCES periods (code),
  started_by  TEXT NOT NULL REFERENCES tokens (id),
  started_at  TEXT NOT NULL,
  entries     INTEGER CHECK (entries >= 0)
);
CREATE INDEX poverty_list_stagings_by_period ON poverty_list_stagings (period_code, id);

-- The entries of every staged list (the current ones and those being written).
CREATE TABLE poverty_list_items (
  list_id     INTEGER NOT NULL REFERENCES poverty_list_stagings (id),
  id_hash     BLOB NOT NULL CHECK (typeof(id_hash) = 'blob' AND length(id_hash) = 16),
  masked_id   TEXT NOT NULL CHECK (length(masked_id) = 18 AND substr(masked_id, 7, 8) = '********'),
  county_code TEXT NOT NULL CHECK (length(county_code) = 6),
  row_number  INTEGER NOT NULL CHECK (row_number >= 2),
  PRIMARY KEY (list_id, id_hash)
) WITHOUT ROWID;
CREATE INDEX poverty_list_items_by_county ON poverty_list_items (list_id, county_code);

-- The period's list: which staged list it is. Switching it is the one statement that replaces a list.
CREATE TABLE poverty_list_current (
  period_code TEXT PRIMARY KEY REFERENCES periods (code),
  list_id     INTEGER NOT NULL UNIQUE REFERENCES poverty_list_stagings (id)
) WITHOUT ROWID;

-- Which staged list an upload made current (NULL for none: uploads before this migration are joined below).
ALTER TABLE poverty_list_uploads ADD COLUMN list_id INTEGER REFERENCES poverty_list_stagings (id);

-- The lists kept before: each period's entries become one staged list, whole and current, under its last upload's id.
INSERT INTO poverty_list_stagings (id, period_code, started_by, started_at, entries)
SELECT u.id, u.period_code, u.uploaded_by, u.uploaded_at, (SELECT count(*) FROM poverty_list_entries e WHERE e.period_code = u.period_code)
FROM poverty_list_uploads u
WHERE u.id = (SELECT max(x.id) FROM poverty_list_uploads x WHERE x.period_code = u.period_code);
UPDATE poverty_list_uploads SET list_id = id WHERE id IN (SELECT id FROM poverty_list_stagings);
INSERT INTO poverty_list_items (list_id, id_hash, masked_id, county_code, row_number)
SELECT s.id, e.id_hash, e.masked_id, e.county_code, e.row_number FROM poverty_list_entries e JOIN poverty_list_stagings s ON s.period_code = e.period_code;
INSERT INTO poverty_list_current (period_code, list_id) SELECT period_code, id FROM poverty_list_stagings;

-- The name the comparison reads stays: the period's current list, as 0015's table was.
DROP TABLE poverty_list_entries;
CREATE VIEW poverty_list_entries AS
SELECT c.period_code, i.id_hash, i.masked_id, i.county_code, i.row_number
FROM poverty_list_current c JOIN poverty_list_items i ON i.list_id = c.list_id;

-- A list becomes current only whole: staged for the same period, its count set, and that many entries written.
CREATE TRIGGER poverty_list_current_whole_insert BEFORE INSERT ON poverty_list_current
WHEN NOT EXISTS (
  SELECT 1 FROM poverty_list_stagings s
  WHERE s.id = NEW.list_id AND s.period_code = NEW.period_code AND s.entries = (SELECT count(*) FROM poverty_list_items i WHERE i.list_id = NEW.list_id))
BEGIN
  SELECT RAISE(ABORT, 'poverty-list-incomplete: a list becomes current only whole');
END;
CREATE TRIGGER poverty_list_current_whole_update BEFORE UPDATE ON poverty_list_current
WHEN NOT EXISTS (
  SELECT 1 FROM poverty_list_stagings s
  WHERE s.id = NEW.list_id AND s.period_code = NEW.period_code AND s.entries = (SELECT count(*) FROM poverty_list_items i WHERE i.list_id = NEW.list_id))
BEGIN
  SELECT RAISE(ABORT, 'poverty-list-incomplete: a list becomes current only whole');
END;

-- A list whose count is set takes no more entries, and a staging's count is set once.
CREATE TRIGGER poverty_list_items_staging_open BEFORE INSERT ON poverty_list_items
WHEN (SELECT s.entries FROM poverty_list_stagings s WHERE s.id = NEW.list_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'poverty-list-closed: a staged list whose count is set takes no more entries');
END;
CREATE TRIGGER poverty_list_stagings_count_once BEFORE UPDATE OF entries ON poverty_list_stagings
WHEN OLD.entries IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'poverty-list-closed: a staged list''s count is set once');
END;

-- The current list is never changed in place: its entries are neither deleted nor rewritten.
CREATE TRIGGER poverty_list_items_current_kept BEFORE DELETE ON poverty_list_items
WHEN EXISTS (SELECT 1 FROM poverty_list_current c WHERE c.list_id = OLD.list_id)
BEGIN
  SELECT RAISE(ABORT, 'poverty-list-current: the current list''s entries are not deleted');
END;
CREATE TRIGGER poverty_list_items_never_updated BEFORE UPDATE ON poverty_list_items
BEGIN
  SELECT RAISE(ABORT, 'poverty-list-current: a list''s entries are not rewritten');
END;
