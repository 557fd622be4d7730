-- Token lifecycle (issue 23): tokens expire, failed sign-ins are counted per client address, and
-- the audit log can be read by time and action.

-- When a token stops working; NULL: never (how admin and province tokens were issued before this).
ALTER TABLE tokens ADD COLUMN expires_at TEXT CHECK (expires_at IS NULL OR expires_at > created_at);

-- Clerk tokens issued before expiry existed: 400 days from creation like new ones, but not sooner
-- than 30 days from this upgrade, so no clerk is cut off on the day of the deploy without the
-- pane's 14-day warning first. Admin and province tokens stay without expiry: the operator rotates them.
UPDATE tokens
SET expires_at = max(
  strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+400 days'),
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+30 days')
)
WHERE role = 'clerk';

-- An expiry, once set, is never moved: a longer life is a new token (with its audit row).
CREATE TRIGGER tokens_expiry_fixed
BEFORE UPDATE OF expires_at ON tokens
WHEN OLD.expires_at IS NOT NEW.expires_at
BEGIN
  SELECT RAISE(ABORT, 'a token''s expiry cannot be changed; issue a new token');
END;

-- Failed sign-ins per client address (CF-Connecting-IP) in a fixed window that starts at the first
-- failure: past a threshold the Worker answers 429 before it looks at the token.
CREATE TABLE sign_in_failures (
  client_key        TEXT PRIMARY KEY,
  window_started_at TEXT NOT NULL,
  failures          INTEGER NOT NULL CHECK (failures > 0)
) WITHOUT ROWID;

-- GET /audit reads by time and by action, paged by id.
CREATE INDEX audit_log_by_at ON audit_log (at, id);
CREATE INDEX audit_log_by_action ON audit_log (action, id);
