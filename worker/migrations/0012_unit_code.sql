-- One name for a reporting unit (issue 24): the column that held a prefecture's code when the
-- reports came from prefectures only has held counties' codes since migration 0007. SQLite's
-- RENAME COLUMN rewrites every index, view and trigger that names it (0001's view and indexes,
-- 0002's append-only triggers, 0008's change outbox, 0010's state rules), so their meaning is kept.
-- Payloads stored before this say "prefectureCode" inside their JSON; the Worker reads both
-- (worker/db/stored-report.ts).
ALTER TABLE tokens RENAME COLUMN prefecture_code TO unit_code;
ALTER TABLE period_unlocks RENAME COLUMN prefecture_code TO unit_code;
ALTER TABLE submissions RENAME COLUMN prefecture_code TO unit_code;
