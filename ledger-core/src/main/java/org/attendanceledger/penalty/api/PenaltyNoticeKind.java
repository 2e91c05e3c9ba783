package org.attendanceledger.penalty.api;

/** What an LA issues to a parent once the threshold is met (rules 7.2, 7.3). Stored contract. */
public enum PenaltyNoticeKind {
    /** A final chance to engage with support before a penalty notice; carries no payment. */
    NOTICE_TO_IMPROVE,
    /** A fine in place of prosecution, within the National Framework. */
    PENALTY_NOTICE
}
