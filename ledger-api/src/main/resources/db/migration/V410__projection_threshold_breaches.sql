-- The LA penalty queue's own table (issue 11 item 5, issue 9 item 1): for each pupil and stay, every counted G/N/O/U
-- mark at which the count of the 10-school-week window ending with its week is at or over the threshold. A row whose
-- window_count equals the threshold is a breach (rules 7.1(3)): its mark made that window's count reach it, and
-- sessions holds the window's counted marks up to it (the evidence and its code mix); rows above the threshold carry
-- only their count, which the queue needs for the highest count of a period.
--
-- Bitemporal like projection_mark_version: a row version is what the ledger knew from known_from (the receivedAt of
-- the event that produced it) until known_until (the receivedAt of the event that changed it; null while it holds).
-- Versions are closed, never rewritten, so the queue as known at an instant is the same indexed read as the queue now.
-- Data projected before this migration gets its rows from a rebuild (POST /api/v1/admin/projections/rebuild).
-- The table is plain (no keys to other tables, no triggers, no sequences): a rebuild may build it afresh and swap it.
CREATE TABLE projection_threshold_breach (
    urn          VARCHAR(6)  NOT NULL,
    upn          VARCHAR(13) NOT NULL,
    starting_day DATE        NOT NULL,
    session_date DATE        NOT NULL,
    session      VARCHAR(2)  NOT NULL,
    code         VARCHAR(4)  NOT NULL,
    window_count INTEGER     NOT NULL,
    window_start DATE        NOT NULL,
    window_end   DATE        NOT NULL,
    sessions     JSONB,
    known_from   TIMESTAMPTZ NOT NULL,
    known_until  TIMESTAMPTZ,
    PRIMARY KEY (urn, upn, session_date, session, known_from)
);

-- The queue now: the LA's schools and the period's stretch, current versions only.
CREATE INDEX projection_threshold_breach_now ON projection_threshold_breach (urn, session_date)
    WHERE known_until IS NULL;
-- The queue as known at an instant: the same range with the versions' interval checked on the index.
CREATE INDEX projection_threshold_breach_known ON projection_threshold_breach (urn, session_date, known_from, known_until);
