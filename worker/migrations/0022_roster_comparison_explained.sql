-- 名册有、库无 explained, counted in the stored comparison (issue 29; ../shared/spec/roster.md "Comparison":
-- a warning each, explained by the county): per county and stage, how many of the students in no
-- entry of the list the county explained on its roster's 说明 sheet (0021's marks). Counts only.
ALTER TABLE roster_comparison_stages ADD COLUMN unlisted_explained INTEGER NOT NULL DEFAULT 0
  CHECK (unlisted_explained BETWEEN 0 AND roster - verified);

-- Figures stored before this migration have no such count: each of their counties gets a change, so
-- a read computes it again (and stores it) rather than serving the 0 above.
INSERT OR IGNORE INTO roster_comparison_changes (period_code, county_code, source)
SELECT period_code, county_code, 'before 0022' FROM roster_comparison_counties;
