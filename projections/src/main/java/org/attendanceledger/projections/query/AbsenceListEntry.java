package org.attendanceledger.projections.query;

import java.math.BigDecimal;
import org.attendanceledger.attendance.AbsenceMeasure;
import org.attendanceledger.attendance.Percentages;

/** One pupil on a persistent or severe absence list, with the numerator and denominator behind the flag. */
public record AbsenceListEntry(String urn, String upn, int possibleSessions, int authorisedAbsenceSessions,
                               int unauthorisedAbsenceSessions) {

    public int overallAbsenceSessions() {
        return authorisedAbsenceSessions + unauthorisedAbsenceSessions;
    }

    public boolean meets(AbsenceMeasure measure) {
        return measure.isMetBy(overallAbsenceSessions(), possibleSessions);
    }

    /** For display only. */
    public BigDecimal absencePercent() {
        return Percentages.percent(overallAbsenceSessions(), possibleSessions);
    }
}
