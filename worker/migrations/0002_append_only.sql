-- Append-only history: a revision, its values, reviews and the audit log are never changed
-- or deleted. Only submissions.status moves (the review state of a revision).

CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
BEGIN
  SELECT RAISE(ABORT, 'submissions are append-only: a revision cannot be deleted');
END;

CREATE TRIGGER submissions_no_rewrite
BEFORE UPDATE OF id, period_code, prefecture_code, revision, edition_id, submitted_by,
  submitted_at, payload, payload_sha256, explanations, resubmission_reason, idempotency_key,
  based_on_revision ON submissions
BEGIN
  SELECT RAISE(ABORT, 'submissions are append-only: only status may change');
END;

CREATE TRIGGER submission_values_no_update BEFORE UPDATE ON submission_values
BEGIN
  SELECT RAISE(ABORT, 'submission_values are append-only');
END;

CREATE TRIGGER submission_values_no_delete BEFORE DELETE ON submission_values
BEGIN
  SELECT RAISE(ABORT, 'submission_values are append-only');
END;

CREATE TRIGGER review_actions_no_update BEFORE UPDATE ON review_actions
BEGIN
  SELECT RAISE(ABORT, 'review_actions are append-only');
END;

CREATE TRIGGER review_actions_no_delete BEFORE DELETE ON review_actions
BEGIN
  SELECT RAISE(ABORT, 'review_actions are append-only');
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- A token's secret hash, role and prefecture are fixed; it can only be revoked (once).
CREATE TRIGGER tokens_only_revoke
BEFORE UPDATE OF id, token_sha256, role, prefecture_code, created_at, created_by ON tokens
BEGIN
  SELECT RAISE(ABORT, 'tokens cannot be changed, only revoked');
END;

CREATE TRIGGER tokens_no_delete BEFORE DELETE ON tokens
BEGIN
  SELECT RAISE(ABORT, 'tokens cannot be deleted, only revoked');
END;
