-- The 2019 edition of the 323 form set. The definition (the form set as JSON, from
-- shared/forms) is filled in by a later migration when the submit endpoints arrive.
INSERT INTO editions (id, title) VALUES ('323/2019', '323 统计报表（2019 年版） / 323 forms, 2019 edition');
