package org.attendanceledger.projections;

import java.util.Objects;

/** A pupil at one school: figures, stays and thresholds are all per enrolment (rules 6.4, 7.1.6). */
public record PupilKey(String urn, String upn) {

    public PupilKey {
        Objects.requireNonNull(urn, "urn");
        Objects.requireNonNull(upn, "upn");
    }
}
