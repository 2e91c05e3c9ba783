-- The LA's register of notices to improve and penalty notices (issue 10), kept by the write side in the same
-- transaction as the notice events. It answers the limit of two counted notices per parent per pupil in 3 years.
CREATE TABLE penalty_notice (
    notice_id      VARCHAR(64)  PRIMARY KEY,
    la_code        VARCHAR(3)   NOT NULL,
    urn            VARCHAR(6)   NOT NULL,
    upn            VARCHAR(13)  NOT NULL,
    parent_ref     VARCHAR(100) NOT NULL,
    kind           VARCHAR(20)  NOT NULL,
    issued_on      DATE         NOT NULL,
    breach_date    DATE,
    breach_session VARCHAR(2),
    notice_number  INTEGER      NOT NULL,
    amounts        JSONB        NOT NULL,
    outcome        VARCHAR(20),
    outcome_on     DATE,
    amount_paid    INTEGER
);
CREATE INDEX penalty_notice_by_parent_and_pupil ON penalty_notice (la_code, parent_ref, upn);
CREATE INDEX penalty_notice_by_la ON penalty_notice (la_code, upn);
