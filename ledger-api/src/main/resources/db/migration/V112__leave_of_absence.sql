-- Requests for leave of absence and their decisions (issue 10), kept by the write side in the same transaction as the
-- leave events. It answers which sessions a grant covers, for the list of leave codes with no grant behind them.
CREATE TABLE leave_request (
    request_id   VARCHAR(64)  PRIMARY KEY,
    urn          VARCHAR(6)   NOT NULL,
    upn          VARCHAR(13)  NOT NULL,
    from_date    DATE         NOT NULL,
    from_session VARCHAR(2)   NOT NULL,
    to_date      DATE         NOT NULL,
    to_session   VARCHAR(2)   NOT NULL,
    requested_by VARCHAR(10)  NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL,
    decision     VARCHAR(10),
    code         VARCHAR(4),
    decided_on   DATE,
    withdrawn_on DATE
);
CREATE INDEX leave_request_by_pupil ON leave_request (urn, upn);
