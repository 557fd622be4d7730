-- Tianbao schema. Timestamps are ISO 8601 UTC text written by the Worker
-- (new Date().toISOString()); the defaults only cover rows written by hand or by scripts.
-- D1 enforces foreign keys.

-- Administrative divisions (GB/T 2260). Seeded by 0003_seed_regions.sql.
CREATE TABLE regions (
  code        TEXT PRIMARY KEY CHECK (length(code) = 6),
  name        TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
  parent_code TEXT REFERENCES regions (code),
  CHECK ((level = 'province') = (parent_code IS NULL))
);
CREATE INDEX regions_by_parent ON regions (parent_code, code);

-- A version of the form set, e.g. '323/2019'; definition is the form set as JSON.
CREATE TABLE editions (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  definition TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(definition)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- API tokens. Only the SHA-256 of the secret is stored; the secret is shown once.
CREATE TABLE tokens (
  id              TEXT PRIMARY KEY,
  token_sha256    TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
  role            TEXT NOT NULL CHECK (role IN ('clerk', 'province', 'admin')),
  prefecture_code TEXT REFERENCES regions (code),
  name            TEXT NOT NULL,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  created_by      TEXT REFERENCES tokens (id),
  revoked_at      TEXT,
  -- A clerk speaks for exactly one prefecture; province reviewers and admins for none.
  CHECK ((role = 'clerk') = (prefecture_code IS NOT NULL))
);

-- A reporting period ('2019'), filled in against one edition.
CREATE TABLE periods (
  code       TEXT PRIMARY KEY,
  edition_id TEXT NOT NULL REFERENCES editions (id),
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'locked')),
  deadline   TEXT,  -- a date, 'YYYY-MM-DD' (inclusive, Beijing time)
  opened_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  opened_by  TEXT REFERENCES tokens (id),
  locked_at  TEXT,
  locked_by  TEXT REFERENCES tokens (id),
  CHECK ((status = 'locked') = (locked_at IS NOT NULL))
);

-- A locked period reopened for one prefecture, with the reason recorded.
-- closed_at is set when the period is locked again.
CREATE TABLE period_unlocks (
  id              INTEGER PRIMARY KEY,
  period_code     TEXT NOT NULL REFERENCES periods (code),
  prefecture_code TEXT NOT NULL REFERENCES regions (code),
  reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  unlocked_by     TEXT REFERENCES tokens (id),
  unlocked_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  closed_at       TEXT
);
-- At most one open unlock per (period, prefecture).
CREATE UNIQUE INDEX period_unlocks_open
  ON period_unlocks (period_code, prefecture_code) WHERE closed_at IS NULL;

-- Submissions: append-only revisions. Only status moves (review); see 0002 triggers.
CREATE TABLE submissions (
  id                  INTEGER PRIMARY KEY,
  period_code         TEXT NOT NULL REFERENCES periods (code),
  prefecture_code     TEXT NOT NULL REFERENCES regions (code),
  revision            INTEGER NOT NULL CHECK (revision >= 1),
  edition_id          TEXT NOT NULL REFERENCES editions (id),
  submitted_by        TEXT NOT NULL REFERENCES tokens (id),
  submitted_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  payload             TEXT NOT NULL CHECK (json_valid(payload)),  -- canonical JSON
  payload_sha256      TEXT NOT NULL CHECK (length(payload_sha256) = 64),
  status              TEXT NOT NULL DEFAULT 'submitted'
                        CHECK (status IN ('submitted', 'returned', 'accepted')),
  explanations        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(explanations)),
  resubmission_reason TEXT,
  idempotency_key     TEXT NOT NULL,
  based_on_revision   INTEGER,  -- the revision the clerk started from (NULL for the first)
  UNIQUE (period_code, prefecture_code, revision),
  UNIQUE (submitted_by, prefecture_code, idempotency_key)
);
CREATE INDEX submissions_by_status ON submissions (period_code, status, prefecture_code);

-- The latest revision per (period, prefecture).
CREATE VIEW latest_submissions AS
  SELECT s.* FROM submissions s
  WHERE s.revision = (SELECT max(revision) FROM submissions
                      WHERE period_code = s.period_code AND prefecture_code = s.prefecture_code);

-- One value per (submission, sheet, row, field): numbers as integers (counts as-is, money in
-- 万元 as integer hundredths), everything else as text. Blank cells have no row.
CREATE TABLE submission_values (
  submission_id INTEGER NOT NULL REFERENCES submissions (id),
  sheet_code    TEXT NOT NULL,
  row_key       TEXT NOT NULL,
  field_code    TEXT NOT NULL,
  number_value  INTEGER,
  text_value    TEXT,
  PRIMARY KEY (submission_id, sheet_code, row_key, field_code),
  CHECK ((number_value IS NULL) <> (text_value IS NULL))
) WITHOUT ROWID;
-- Consolidation sums a field over the chosen revisions: scan by (sheet, field).
CREATE INDEX submission_values_for_consolidation
  ON submission_values (sheet_code, field_code, row_key, submission_id, number_value);

-- The province's review of a revision.
CREATE TABLE review_actions (
  id              INTEGER PRIMARY KEY,
  submission_id   INTEGER NOT NULL REFERENCES submissions (id),
  action          TEXT NOT NULL CHECK (action IN ('accept', 'return')),
  comment         TEXT,
  cell_references TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cell_references)),
  acted_by        TEXT NOT NULL REFERENCES tokens (id),
  acted_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX review_actions_by_submission ON review_actions (submission_id, id);

-- Every write, in the same D1 batch as the write itself. token_id is NULL for local scripts.
CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  token_id TEXT REFERENCES tokens (id),
  action   TEXT NOT NULL,
  target   TEXT NOT NULL,
  detail   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
);
CREATE INDEX audit_log_by_target ON audit_log (target, id);
