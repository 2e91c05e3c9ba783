-- Small, strongly consistent lookups kept by the write side in the same transaction as the events they follow.
-- They answer the cross-aggregate questions a command needs (does the session exist, is the pupil on roll, does the
-- actor hold a grant) without waiting for eventually consistent projections.

CREATE TABLE school (
    urn                     VARCHAR(6)   PRIMARY KEY,
    name                    VARCHAR(200) NOT NULL,
    la_code                 VARCHAR(3)   NOT NULL,
    am_register_start       TIME         NOT NULL,
    pm_register_start       TIME         NOT NULL,
    register_window_minutes INTEGER      NOT NULL,
    closing_instant_is_late BOOLEAN      NOT NULL
);
CREATE INDEX school_by_la ON school (la_code);

CREATE TABLE school_calendar (
    urn           VARCHAR(6) NOT NULL,
    academic_year VARCHAR(7) NOT NULL,
    version       BIGINT     NOT NULL,
    terms         JSONB      NOT NULL,
    closures      JSONB      NOT NULL,
    PRIMARY KEY (urn, academic_year)
);

CREATE TABLE roll_period (
    urn             VARCHAR(6)  NOT NULL,
    upn             VARCHAR(13) NOT NULL,
    starting_day    DATE        NOT NULL,
    last_day_on_roll DATE,
    year_group      VARCHAR(20),
    PRIMARY KEY (urn, upn, starting_day)
);

CREATE TABLE staff_grant (
    grant_id   VARCHAR(64)  PRIMARY KEY,
    urn        VARCHAR(6)   NOT NULL,
    staff_id   VARCHAR(100) NOT NULL,
    valid_from DATE         NOT NULL,
    valid_to   DATE
);
CREATE INDEX staff_grant_by_staff ON staff_grant (urn, staff_id);

CREATE TABLE staff_grant_scope (
    grant_id VARCHAR(64) NOT NULL REFERENCES staff_grant (grant_id),
    scope    VARCHAR(40) NOT NULL,
    PRIMARY KEY (grant_id, scope)
);

-- Idempotency keys are scoped to a school: the MIS of one school cannot collide with another's.
CREATE TABLE mark_idempotency (
    urn             VARCHAR(6)   NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    payload_hash    VARCHAR(64)  NOT NULL,
    entry_id        VARCHAR(64)  NOT NULL,
    PRIMARY KEY (urn, idempotency_key)
);

-- The current value of every entry: answers "does this session have an entry?" and the current register.
CREATE TABLE register_entry (
    urn           VARCHAR(6)  NOT NULL,
    session_date  DATE        NOT NULL,
    session       VARCHAR(2)  NOT NULL,
    upn           VARCHAR(13) NOT NULL,
    code          VARCHAR(4)  NOT NULL,
    minutes_late  INTEGER,
    version       BIGINT      NOT NULL,
    PRIMARY KEY (urn, session_date, session, upn)
);
