-- A scoped auditor reads the event feed of its schools only. Every school-scoped stream id is the URN or starts with
-- the URN and ':', so the part before the first ':' names the school.
CREATE INDEX domain_event_entry_by_school ON domain_event_entry (split_part(aggregate_identifier, ':', 1), global_index);
