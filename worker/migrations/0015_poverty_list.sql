-- The poverty office's list of registered poor people of school age (issue 29, ../shared/spec/roster.md,
-- "Comparison"): one list per period, uploaded by the province, compared with the rosters of 0013.
-- What an entry holds is what the server may know: the keyed hash of the ID (as a roster student's:
-- HMAC-SHA256 with ROSTER_ID_KEY, its first 128 bits), the masked ID (first 6, eight *, last 4, so a
-- county finds the row in its own copy of the list), the county of registration and the list's row
-- number. Never the raw ID; the raw file is not kept. An ID invalid or repeated in the file is counted
-- in the upload and not kept, so (period, hash) is unique.

CREATE TABLE poverty_list_uploads (
  id           INTEGER PRIMARY KEY,
  period_code  TEXT NOT NULL REFERENCES periods (code),
  uploaded_by  TEXT NOT NULL REFERENCES tokens (id),
  uploaded_at  TEXT NOT NULL,
  rows_read    INTEGER NOT NULL CHECK (rows_read >= 0),
  valid        INTEGER NOT NULL CHECK (valid >= 0),
  invalid      INTEGER NOT NULL CHECK (invalid >= 0),
  duplicates   INTEGER NOT NULL CHECK (duplicates >= 0)
);
CREATE INDEX poverty_list_uploads_by_period ON poverty_list_uploads (period_code, id);

-- The period's current list: a new upload deletes the period's entries and inserts its own in one batch.
CREATE TABLE poverty_list_entries (
  period_code TEXT NOT NULL REFERENCES periods (code),
  id_hash     BLOB NOT NULL CHECK (typeof(id_hash) = 'blob' AND length(id_hash) = 16),
  masked_id   TEXT NOT NULL CHECK (length(masked_id) = 18 AND substr(masked_id, 7, 8) = '********'),
  county_code TEXT NOT NULL CHECK (length(county_code) = 6),
  row_number  INTEGER NOT NULL CHECK (row_number >= 2),
  PRIMARY KEY (period_code, id_hash)
) WITHOUT ROWID;
CREATE INDEX poverty_list_entries_by_county ON poverty_list_entries (period_code, county_code);
