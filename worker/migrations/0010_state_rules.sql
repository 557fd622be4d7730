-- State rules kept where the data lives (issue 22): whoever writes — the Worker, a script, a request
-- racing another — a locked period takes no revision, review or stamped copy unless it is unlocked
-- for that unit; a reviewed revision (accepted or returned) keeps its status; a stamped copy is
-- attached only to a unit's latest revision while it awaits review. The Worker checks first to give
-- a good answer; these triggers are the promise. Each message starts with 'tianbao:<kind>:', which
-- the Worker maps to the same answer as its own check (period-locked 423, the others 409).

CREATE TRIGGER submissions_insert_only_while_open BEFORE INSERT ON submissions
WHEN EXISTS (SELECT 1 FROM periods p WHERE p.code = NEW.period_code AND p.status = 'locked')
  AND NOT EXISTS (SELECT 1 FROM period_unlocks u
                  WHERE u.period_code = NEW.period_code AND u.prefecture_code = NEW.prefecture_code AND u.closed_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'tianbao:period-locked: the period is locked; no revision may be stored');
END;

CREATE TRIGGER submissions_review_only_while_open BEFORE UPDATE OF status ON submissions
WHEN NEW.status IS NOT OLD.status
  AND EXISTS (SELECT 1 FROM periods p WHERE p.code = NEW.period_code AND p.status = 'locked')
  AND NOT EXISTS (SELECT 1 FROM period_unlocks u
                  WHERE u.period_code = NEW.period_code AND u.prefecture_code = NEW.prefecture_code AND u.closed_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'tianbao:period-locked: the period is locked; no review may be recorded');
END;

CREATE TRIGGER submissions_reviewed_is_final BEFORE UPDATE OF status ON submissions
WHEN NEW.status IS NOT OLD.status AND OLD.status <> 'submitted'
BEGIN
  SELECT RAISE(ABORT, 'tianbao:conflict: a reviewed revision keeps its status');
END;

CREATE TRIGGER attachments_only_while_awaiting_review BEFORE INSERT ON attachments
WHEN NOT EXISTS (SELECT 1 FROM submissions s
                 WHERE s.id = NEW.submission_id AND s.status = 'submitted'
                   AND s.revision = (SELECT max(x.revision) FROM submissions x
                                     WHERE x.period_code = s.period_code AND x.prefecture_code = s.prefecture_code))
BEGIN
  SELECT RAISE(ABORT, 'tianbao:revision-not-attachable: a stamped copy belongs to the latest revision while it awaits review');
END;

CREATE TRIGGER attachments_only_while_open BEFORE INSERT ON attachments
WHEN EXISTS (SELECT 1 FROM submissions s JOIN periods p ON p.code = s.period_code
             WHERE s.id = NEW.submission_id AND p.status = 'locked'
               AND NOT EXISTS (SELECT 1 FROM period_unlocks u
                               WHERE u.period_code = s.period_code AND u.prefecture_code = s.prefecture_code AND u.closed_at IS NULL))
BEGIN
  SELECT RAISE(ABORT, 'tianbao:period-locked: the period is locked; no stamped copy may be attached');
END;
