-- API keys as the write side knows them, kept in step with the ApiKey events in the same transaction.
CREATE TABLE api_key (
    key_id         VARCHAR(36)  PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    role           VARCHAR(20)  NOT NULL,
    schools        VARCHAR(6)[] NOT NULL,
    las            VARCHAR(3)[] NOT NULL,
    issued_at      TIMESTAMPTZ  NOT NULL,
    revoked_at     TIMESTAMPTZ
);

-- The one thing about a key that is not in the event store: the keyed hash (HMAC-SHA-256) of its token. The token
-- itself is stored nowhere. The row goes when the key is revoked.
CREATE TABLE api_key_credential (
    key_id     VARCHAR(36) PRIMARY KEY REFERENCES api_key (key_id),
    token_hash BYTEA       NOT NULL CHECK (octet_length(token_hash) = 32)
);
