-- Reads as known at an instant (issue 9) answer from what the projection received by then. Two facts were kept only
-- as they read now: the minutes late of a mark version (the register shows them) and a superseded year-group
-- exception. Both now keep every version; a rebuild (POST /api/v1/admin/projections/rebuild) fills the history of
-- data projected before this migration.
ALTER TABLE projection_mark_version ADD COLUMN minutes_late INTEGER;

ALTER TABLE projection_year_group_exception DROP CONSTRAINT projection_year_group_exception_pkey;
ALTER TABLE projection_year_group_exception ADD PRIMARY KEY (urn, upn, academic_year, received_at);
