-- The tamper-evident log (RFC 9162): every stored event becomes a leaf in a dense, 0-based log_index order fixed when it
-- is first logged (commit order, not global_index order, which PostgreSQL hands out before commit).

CREATE TABLE audit_log_entry (
    log_index        BIGINT       NOT NULL,
    global_index     BIGINT       NOT NULL,
    event_identifier VARCHAR(255) NOT NULL,
    -- The school of the event's stream (the part of the stream id before the first ':'), for scoped auditors.
    school_urn       VARCHAR(255) NOT NULL,
    leaf_hash        BYTEA        NOT NULL,
    logged_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (log_index),
    UNIQUE (global_index),
    UNIQUE (event_identifier)
);
CREATE INDEX audit_log_entry_by_school ON audit_log_entry (school_urn, log_index);

-- Complete subtrees above the leaves: level L, position P covers leaves [P * 2^L, (P + 1) * 2^L). Roots and proofs of
-- any size read O(log n) of these; the leaves themselves (level 0) are audit_log_entry.leaf_hash.
CREATE TABLE audit_log_subtree (
    level    SMALLINT NOT NULL,
    position BIGINT   NOT NULL,
    hash     BYTEA    NOT NULL,
    PRIMARY KEY (level, position)
);

-- global_index values the appender saw skipped while later ones were committed: a transaction still open, or one that
-- rolled back. Each is waited for until give_up_at, then dropped for good.
CREATE TABLE audit_log_gap (
    global_index BIGINT      NOT NULL PRIMARY KEY,
    give_up_at   TIMESTAMPTZ NOT NULL
);

-- Every key that ever signed a head, so a head signed before a rotation stays verifiable.
CREATE TABLE audit_log_signing_key (
    key_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    public_key BYTEA       NOT NULL,
    first_used TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every signed tree head, kept.
CREATE TABLE audit_log_tree_head (
    tree_size BIGINT      NOT NULL PRIMARY KEY,
    root_hash BYTEA       NOT NULL,
    signed_at VARCHAR(64) NOT NULL,
    key_id    VARCHAR(64) NOT NULL REFERENCES audit_log_signing_key (key_id),
    signature BYTEA       NOT NULL
);

-- Every amendment as the log met it: what the school claimed (amended_at) and when the ledger received it, so
-- auditors can list backdated amendments (GET /api/v1/audit/backdated-amendments) without scanning the event store.
CREATE TABLE audit_amendment (
    log_index    BIGINT       NOT NULL PRIMARY KEY REFERENCES audit_log_entry (log_index),
    school_urn   VARCHAR(255) NOT NULL,
    upn          VARCHAR(13)  NOT NULL,
    session_date DATE         NOT NULL,
    session      VARCHAR(2)   NOT NULL,
    version      BIGINT       NOT NULL,
    by_name      VARCHAR(255),
    by_position  VARCHAR(255),
    by_staff_id  VARCHAR(255),
    amended_at   TIMESTAMPTZ  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX audit_amendment_by_received ON audit_amendment (received_at, log_index);

-- The log is append-only like the event store: the same trigger refuses any change to it, as a second guard behind
-- the application role's privileges (V201).
CREATE TRIGGER audit_log_entry_append_only BEFORE UPDATE OR DELETE ON audit_log_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_event_change();
CREATE TRIGGER audit_log_entry_no_truncate BEFORE TRUNCATE ON audit_log_entry
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_change();
CREATE TRIGGER audit_log_subtree_append_only BEFORE UPDATE OR DELETE ON audit_log_subtree
    FOR EACH ROW EXECUTE FUNCTION refuse_event_change();
CREATE TRIGGER audit_log_subtree_no_truncate BEFORE TRUNCATE ON audit_log_subtree
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_change();
CREATE TRIGGER audit_log_tree_head_append_only BEFORE UPDATE OR DELETE ON audit_log_tree_head
    FOR EACH ROW EXECUTE FUNCTION refuse_event_change();
CREATE TRIGGER audit_log_tree_head_no_truncate BEFORE TRUNCATE ON audit_log_tree_head
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_change();
