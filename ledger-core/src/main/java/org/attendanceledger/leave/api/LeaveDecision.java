package org.attendanceledger.leave.api;

/** An authorised person's decision on a request for leave of absence. Stored contract. */
public enum LeaveDecision {
    GRANTED,
    REFUSED
}
