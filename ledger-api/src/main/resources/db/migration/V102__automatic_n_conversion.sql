-- The school's automatic N to O conversion policy, as the write side needs it to convert overdue marks.
ALTER TABLE school
    ADD COLUMN n_conversion_enabled        BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN n_conversion_owner_name     VARCHAR(200),
    ADD COLUMN n_conversion_owner_position VARCHAR(200),
    ADD COLUMN n_conversion_owner_staff_id VARCHAR(100),
    ADD COLUMN n_conversion_policy_version VARCHAR(50);
