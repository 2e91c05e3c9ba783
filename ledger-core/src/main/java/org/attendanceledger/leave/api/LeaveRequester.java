package org.attendanceledger.leave.api;

/** Who asked for the leave (rules 5.1: a parent the pupil lives with, or the school itself). Stored contract. */
public enum LeaveRequester {
    PARENT,
    SCHOOL
}
