-- The LA penalty queue reads three parts of projection_threshold_breach (PenaltyThresholdQuery, issue 11 item 5):
-- the breaches (the rows with evidence) by school and date, the other rows up to the period's first school session
-- (V410's indexes), and for each pupil with a breach one of the other rows in the rest of the period with the highest
-- count, by a probe of that pupil's rows in count order. Before, it grouped every row at or over the threshold by
-- pupil: at 20,000 pupils 44,295 rows, half of its time in the database, for 2,082 pupils' highest counts.
-- The probe's date (and, as known, the version's interval) is the index's own later columns and the rows without
-- evidence are the index's predicate, so rows of other periods with higher counts are passed over in the index
-- without a visit to the table. Now and as known at an instant, like V410's pair.
CREATE INDEX projection_threshold_breach_breaches_now ON projection_threshold_breach (urn, session_date)
    WHERE known_until IS NULL AND sessions IS NOT NULL;
CREATE INDEX projection_threshold_breach_breaches_known
    ON projection_threshold_breach (urn, session_date, known_from, known_until) WHERE sessions IS NOT NULL;
CREATE INDEX projection_threshold_breach_highest_now
    ON projection_threshold_breach (urn, upn, window_count, session_date) WHERE known_until IS NULL AND sessions IS NULL;
CREATE INDEX projection_threshold_breach_highest_known
    ON projection_threshold_breach (urn, upn, window_count, session_date, known_from, known_until)
    WHERE sessions IS NULL;
-- V470 changed the evidence column's type, which drops its statistics; the parts above filter on it.
ANALYZE projection_threshold_breach;
