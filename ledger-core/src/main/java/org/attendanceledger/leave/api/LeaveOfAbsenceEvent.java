package org.attendanceledger.leave.api;

/** Everything that can happen to a request for leave of absence (rules 5). Stored contract. */
public sealed interface LeaveOfAbsenceEvent
        permits LeaveOfAbsenceRequested, LeaveOfAbsenceDecided, LeaveOfAbsenceWithdrawn {

    String requestId();
}
