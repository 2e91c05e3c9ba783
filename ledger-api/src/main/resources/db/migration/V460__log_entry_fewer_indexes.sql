-- The log's leaf rows are written for every event, so each of their indexes is paid on every mark (issue 9: the log
-- may cost ingest no more than 10%). The unique index on the event id was a random-order (UUID) B-tree, the costliest
-- of them, and guarded nothing the others do not: global_index is unique here and event_identifier is unique in the
-- event store, so one leaf per event still holds. Look-ups by event id go through the event store's index
-- (LogIndexes). The column stays: verification names a leaf whose event is not the one logged at that index.
ALTER TABLE audit_log_entry DROP CONSTRAINT audit_log_entry_event_identifier_key;
