-- Rules, second pass (issue 8).

-- The name the school granted under each staff id: an amending person who gives a staff id must be its holder.
ALTER TABLE staff_grant ADD COLUMN holder_name VARCHAR(200);
UPDATE staff_grant g SET holder_name = convert_from(e.payload, 'UTF8')::jsonb ->> 'name'
FROM domain_event_entry e
WHERE e.aggregate_identifier = g.grant_id AND e.sequence_number = 0;

-- A school may state when its sessions end; without it the morning ends when the afternoon register starts.
ALTER TABLE school ADD COLUMN am_session_end TIME;
ALTER TABLE school ADD COLUMN pm_session_end TIME;

-- Later register policies, each in force for sessions from its date on. The school row holds the first one.
CREATE TABLE register_policy_change (
    urn                     VARCHAR(6)  NOT NULL REFERENCES school (urn),
    effective_from          DATE        NOT NULL,
    am_register_start       TIME        NOT NULL,
    pm_register_start       TIME        NOT NULL,
    register_window_minutes INTEGER     NOT NULL,
    closing_instant_is_late BOOLEAN     NOT NULL,
    am_session_end          TIME,
    pm_session_end          TIME,
    PRIMARY KEY (urn, effective_from)
);
