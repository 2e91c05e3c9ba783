-- Read models of the projections module, kept by the tracking processor "attendance-projections". None of them is the
-- record: every table is emptied and rebuilt from the event store by POST /api/v1/admin/projections/rebuild. Rows keep
-- when the ledger received each fact (metadata receivedAt), so that "as known at" an instant stays answerable.
-- Every key starts with the school's URN, the partition key of the whole ledger.

CREATE TABLE projection_school (
    urn         VARCHAR(6)   PRIMARY KEY,
    la_code     VARCHAR(3)   NOT NULL,
    name        VARCHAR(200) NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX projection_school_by_la ON projection_school (la_code);

-- Every version of every calendar; the one in force is the highest version.
CREATE TABLE projection_calendar (
    urn           VARCHAR(6)  NOT NULL,
    academic_year VARCHAR(7)  NOT NULL,
    version       INTEGER     NOT NULL,
    terms         JSONB       NOT NULL,
    closures      JSONB       NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (urn, academic_year, version)
);

-- Every stay on roll, from the starting day to the last day on roll (null while on roll).
CREATE TABLE projection_enrolment (
    urn                  VARCHAR(6)  NOT NULL,
    upn                  VARCHAR(13) NOT NULL,
    starting_day         DATE        NOT NULL,
    last_day_on_roll     DATE,
    year_group           VARCHAR(20),
    admitted_received_at TIMESTAMPTZ NOT NULL,
    deleted_received_at  TIMESTAMPTZ,
    PRIMARY KEY (urn, upn, starting_day)
);

-- Every version of every register entry (version 1 is the original entry), with when the ledger received it.
CREATE TABLE projection_mark_version (
    urn          VARCHAR(6)  NOT NULL,
    upn          VARCHAR(13) NOT NULL,
    session_date DATE        NOT NULL,
    session      VARCHAR(2)  NOT NULL,
    version      INTEGER     NOT NULL,
    code         VARCHAR(4)  NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (urn, upn, session_date, session, version)
);

-- The register as it reads now. category is the code's statistical category on the session date (null only for a
-- code the catalogue cannot classify on that date); scheduled says whether the session is one the pupil is expected
-- at (a pupil session of the pupil's year group while on roll): only scheduled marks count towards anything.
CREATE TABLE projection_current_mark (
    urn           VARCHAR(6)  NOT NULL,
    upn           VARCHAR(13) NOT NULL,
    session_date  DATE        NOT NULL,
    session       VARCHAR(2)  NOT NULL,
    academic_year VARCHAR(7)  NOT NULL,
    version       INTEGER     NOT NULL,
    code          VARCHAR(4)  NOT NULL,
    category      VARCHAR(40),
    penalty_code  BOOLEAN     NOT NULL,
    scheduled     BOOLEAN     NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (urn, upn, session_date, session)
);
CREATE INDEX projection_current_mark_register ON projection_current_mark (urn, session_date, session);
CREATE INDEX projection_current_mark_open_n ON projection_current_mark (urn, session_date)
    WHERE code = 'N' AND scheduled;
-- A pupil's marks of the threshold codes: read to assess the threshold and to recount it.
CREATE INDEX projection_current_mark_penalty ON projection_current_mark (urn, upn, session_date, session) INCLUDE (code)
    WHERE penalty_code AND scheduled;
CREATE INDEX projection_current_mark_not_attended ON projection_current_mark (urn, session_date) INCLUDE (upn, category)
    WHERE scheduled AND category IN ('AUTHORISED_ABSENCE', 'UNAUTHORISED_ABSENCE', 'NOT_POSSIBLE');

-- For every mark the penalty threshold counts (a scheduled G, N, O or U dated from the day the threshold counts from),
-- the count of the window of school weeks ending at that mark. The count can only reach the threshold at such a mark,
-- so an LA's queue starts from the few pupils with a count at or above it instead of from every mark of the LA.
CREATE TABLE projection_threshold_count (
    urn          VARCHAR(6)  NOT NULL,
    upn          VARCHAR(13) NOT NULL,
    session_date DATE        NOT NULL,
    session      VARCHAR(2)  NOT NULL,
    window_count INTEGER     NOT NULL,
    PRIMARY KEY (urn, upn, session_date, session)
);
CREATE INDEX projection_threshold_count_by_date ON projection_threshold_count (urn, session_date)
    INCLUDE (upn, window_count);

-- Per pupil, school and academic year: the scheduled current marks by category. The absence lists read this instead
-- of the marks, so that an LA of 100,000 pupils is one row per pupil.
CREATE TABLE projection_pupil_year (
    urn                           VARCHAR(6)  NOT NULL,
    academic_year                 VARCHAR(7)  NOT NULL,
    upn                           VARCHAR(13) NOT NULL,
    present                       INTEGER     NOT NULL,
    approved_educational_activity INTEGER     NOT NULL,
    authorised_absence            INTEGER     NOT NULL,
    unauthorised_absence          INTEGER     NOT NULL,
    not_possible                  INTEGER     NOT NULL,
    PRIMARY KEY (urn, academic_year, upn)
);
