-- 催报 (issue 26): whoever a unit reports to (the province for a prefecture, a prefecture's clerk for
-- its counties) reminds a unit that still owes its report, with a note. Kept like every record here:
-- never changed or deleted. A reminder is shown to the unit's clerk until the unit submits.
CREATE TABLE reminders (
  id          INTEGER PRIMARY KEY,
  period_code TEXT NOT NULL REFERENCES periods (code),
  unit_code   TEXT NOT NULL REFERENCES regions (code),
  sent_by     TEXT NOT NULL REFERENCES tokens (id),
  sent_at     TEXT NOT NULL,
  note        TEXT
);

CREATE INDEX reminders_by_unit ON reminders (period_code, unit_code, id);

CREATE TRIGGER reminders_never_updated
BEFORE UPDATE ON reminders
BEGIN
  SELECT RAISE(ABORT, 'reminders are kept as sent');
END;

CREATE TRIGGER reminders_never_deleted
BEFORE DELETE ON reminders
BEGIN
  SELECT RAISE(ABORT, 'reminders are kept as sent');
END;
