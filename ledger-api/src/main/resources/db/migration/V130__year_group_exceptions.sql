-- A pupil's year group moves up every 1 September; a school may record an exception for one academic year
-- (YearGroupExceptionRecorded). The latest exception per pupil, school and academic year, kept twice: by the write side
-- in the same transaction as the event (mark validation needs the year group on the session date), and by the
-- attendance projection (which sessions count for the pupil).
CREATE TABLE year_group_exception (
    urn           VARCHAR(6)  NOT NULL,
    upn           VARCHAR(13) NOT NULL,
    academic_year VARCHAR(7)  NOT NULL,
    year_group    VARCHAR(20) NOT NULL,
    PRIMARY KEY (urn, upn, academic_year)
);

CREATE TABLE projection_year_group_exception (
    urn           VARCHAR(6)  NOT NULL,
    upn           VARCHAR(13) NOT NULL,
    academic_year VARCHAR(7)  NOT NULL,
    year_group    VARCHAR(20) NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (urn, upn, academic_year)
);
