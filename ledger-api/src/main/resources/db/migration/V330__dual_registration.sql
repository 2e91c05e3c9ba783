-- Dual registration (rules 8.2): the write side's lookup of which stays are linked, kept by RollDirectory in the same
-- transaction as the PupilAdmitted event that declares the link. Each link is kept in both directions (the declaring
-- stay with its role, the other school's stay with the opposite role), so either school's marks find it with one
-- lookup. received_at is when the ledger received the admission, for reads as known at an instant.
CREATE TABLE dual_registration (
    urn                VARCHAR(6)  NOT NULL,
    upn                VARCHAR(13) NOT NULL,
    starting_day       DATE        NOT NULL,
    other_urn          VARCHAR(6)  NOT NULL,
    other_starting_day DATE        NOT NULL,
    role               VARCHAR(10) NOT NULL,
    received_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (urn, upn, starting_day, other_urn)
);
