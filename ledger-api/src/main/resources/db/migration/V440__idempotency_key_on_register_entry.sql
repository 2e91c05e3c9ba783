-- The idempotency key moves onto the register-entry row it produced (issue 11): a keyed retry is one indexed read of
-- register_entry, with no second table and no join on an entry id built from strings.
--   idempotency_key, payload_hash: the first key used for the entry (by the post that recorded it, or by the first
--     keyed post that found it already there) and the SHA-256 of that post's canonical payload. Unique per school.
--   other_keys: any later keys whose posts found the same mark already there (DUPLICATE), as {key: payload hash},
--     so that such a key, reused for a different mark, is still an IDEMPOTENCY_CONFLICT.
ALTER TABLE register_entry
    ADD COLUMN idempotency_key VARCHAR(200),
    ADD COLUMN payload_hash    CHAR(64),
    ADD COLUMN other_keys      JSONB;

-- Keys recorded before this migration were hashed over fields joined with '|', which collides; their hashes are not
-- carried over. Such a key reused for another session is still a conflict (the session is part of the payload), and
-- reused for its own session the entry decides: the same mark is DUPLICATE, another one MARK_CONFLICT.
UPDATE register_entry e
SET idempotency_key = k.idempotency_key
FROM mark_idempotency k
WHERE k.urn = e.urn AND k.entry_id = e.urn || ':' || e.upn || ':' || e.session_date || ':' || e.session;

CREATE UNIQUE INDEX register_entry_by_idempotency_key ON register_entry (urn, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX register_entry_by_other_keys ON register_entry USING gin (other_keys) WHERE other_keys IS NOT NULL;

DROP TABLE mark_idempotency;
