package org.attendanceledger.calendar;

/** Half a school day: the unit of every attendance count. */
public enum Session {
    AM,
    PM
}
