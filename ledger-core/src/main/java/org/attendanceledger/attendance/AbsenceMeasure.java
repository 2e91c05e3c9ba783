package org.attendanceledger.attendance;

/**
 * The two national absence measures (rules 6.1). Both are tested with integers against the pupil's own possible
 * sessions: a rounded percentage never decides.
 */
public enum AbsenceMeasure {
    /** 10% or more of possible sessions missed. */
    PERSISTENT(10),
    /** 50% or more of possible sessions missed; every severely absent pupil is also persistently absent. */
    SEVERE(2);

    private final int denominatorPerAbsence;

    AbsenceMeasure(int denominatorPerAbsence) {
        this.denominatorPerAbsence = denominatorPerAbsence;
    }

    /**
     * {@code overallAbsence / possibleSessions >= 1 / n}, computed as {@code overallAbsence * n >= possibleSessions}.
     * Never met with no possible sessions: such a pupil is excluded, not "0% absent".
     */
    public boolean isMetBy(int overallAbsenceSessions, int possibleSessions) {
        return possibleSessions > 0 && (long) overallAbsenceSessions * denominatorPerAbsence >= possibleSessions;
    }
}
