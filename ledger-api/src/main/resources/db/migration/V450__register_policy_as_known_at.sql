-- When the ledger received each change of a school's register policy, so that a read as known at an instant (missing
-- marks: which registers had closed) judges by the policies the ledger knew then (auditors' issue, item 1). The first
-- policy lives on the school row and is known from the school's registration, before which the school has no answers.
ALTER TABLE register_policy_change ADD COLUMN received_at TIMESTAMPTZ;

-- Changes already stored take their instants from their events: the receivedAt metadata, else the store's stamp.
UPDATE register_policy_change c
SET received_at = COALESCE((convert_from(e.meta_data, 'UTF8')::jsonb ->> 'receivedAt')::timestamptz,
                           e.time_stamp::timestamptz)
FROM domain_event_entry e
WHERE e.payload_type = 'org.attendanceledger.school.api.RegisterPolicyChanged'
  AND convert_from(e.payload, 'UTF8')::jsonb ->> 'urn' = c.urn
  AND (convert_from(e.payload, 'UTF8')::jsonb ->> 'effectiveFrom')::date = c.effective_from;
