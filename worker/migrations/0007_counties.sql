-- Deadlines of the levels below the prefectures: counties report to their prefecture first, so their
-- deadline comes before the period's own (periods.deadline, the prefectures' deadline to the province).
-- The level is a level code of the reporting tree (shared/units/unit-levels.ts), e.g. 'county'.
CREATE TABLE period_level_deadlines (
  period_code TEXT NOT NULL REFERENCES periods (code),
  level       TEXT NOT NULL CHECK (length(level) > 0),
  deadline    TEXT NOT NULL CHECK (deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  PRIMARY KEY (period_code, level)
);

-- Where a revision's rows of the units reporting to it came from (a prefecture's county rows): JSON
-- [{ "unitCode": "370102", "revision": 1 }, { "unitCode": "370103", "revision": null }, …], revision
-- null when the prefecture's clerk typed or changed them; NULL for a unit with none below it.
ALTER TABLE submissions ADD COLUMN sources TEXT CHECK (sources IS NULL OR json_valid(sources));
