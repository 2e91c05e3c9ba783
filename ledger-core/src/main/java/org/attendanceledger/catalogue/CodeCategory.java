package org.attendanceledger.catalogue;

/**
 * The five statistical categories every attendance code falls into (rules 2.1).
 * Possible sessions, attendance and absence are all derived from these, never from the letters.
 */
public enum CodeCategory {
    PRESENT,
    APPROVED_EDUCATIONAL_ACTIVITY,
    AUTHORISED_ABSENCE,
    UNAUTHORISED_ABSENCE,
    /** Administrative or "not a possible session": removed from the denominator, never absence. */
    NOT_POSSIBLE;

    /** Counts in the possible-sessions denominator. */
    public boolean isPossible() {
        return this != NOT_POSSIBLE;
    }

    /** Counts as attendance: on site, or off site at an approved educational activity. */
    public boolean isAttendance() {
        return this == PRESENT || this == APPROVED_EDUCATIONAL_ACTIVITY;
    }

    /** Counts towards overall absence, authorised or not. */
    public boolean isAbsence() {
        return this == AUTHORISED_ABSENCE || this == UNAUTHORISED_ABSENCE;
    }
}
