-- The signed and stamped paper copy (盖章件) of a revision: the file is in R2 (binding ATTACHMENTS),
-- keyed by revision and SHA-256; this row says what it is and who attached it. Append-only like
-- revisions: a new copy of the same revision gets the next sequence and supersedes the old one,
-- which stays readable.
CREATE TABLE attachments (
  id            INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions (id),
  sequence      INTEGER NOT NULL CHECK (sequence >= 1),
  object_key    TEXT NOT NULL,
  sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
  size_bytes    INTEGER NOT NULL CHECK (size_bytes > 0),
  media_type    TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  file_name     TEXT NOT NULL,
  uploaded_by   TEXT NOT NULL REFERENCES tokens (id),
  uploaded_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (submission_id, sequence)
);

CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
BEGIN
  SELECT RAISE(ABORT, 'attachments are append-only: attach a new copy instead');
END;

CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
BEGIN
  SELECT RAISE(ABORT, 'attachments are append-only: attach a new copy instead');
END;

-- A period setting: the province accepts a revision only once its stamped copy is attached.
ALTER TABLE periods ADD COLUMN require_stamped_copy INTEGER NOT NULL DEFAULT 0 CHECK (require_stamped_copy IN (0, 1));
