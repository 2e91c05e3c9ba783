package org.attendanceledger.penalty.api;

/** How a notice ended. Stored contract. */
public enum PenaltyNoticeOutcome {
    PAID,
    WITHDRAWN,
    /** Not paid, and the LA prosecuted the attendance offence. */
    PROSECUTED
}
