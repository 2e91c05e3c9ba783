-- The LA penalty queue reads three parts of projection_threshold_breach (PenaltyThresholdQuery, issue 11 item 5):
-- the breaches (the rows with evidence) by school and date, the other rows up to the period's first school session
-- (the existing indexes), and each breaching pupil's highest count by a probe of that pupil's rows in count order.
-- Before, it grouped every row at or over the threshold by pupil: at 20,000 pupils 44,295 rows, half of its time in
-- the database, for 2,082 pupils' highest counts. Now and as known at an instant, like V410's pair.
CREATE INDEX projection_threshold_breach_breaches_now ON projection_threshold_breach (urn, session_date)
    WHERE known_until IS NULL AND sessions IS NOT NULL;
CREATE INDEX projection_threshold_breach_breaches_known
    ON projection_threshold_breach (urn, session_date, known_from, known_until) WHERE sessions IS NOT NULL;
CREATE INDEX projection_threshold_breach_highest_now ON projection_threshold_breach (urn, upn, window_count)
    WHERE known_until IS NULL;
CREATE INDEX projection_threshold_breach_highest_known
    ON projection_threshold_breach (urn, upn, window_count, known_from, known_until);
