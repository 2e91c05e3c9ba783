package org.attendanceledger.staff.api;

/** What an authorised person may decide for the school. */
public enum GrantScope {
    AUTHORISE_ABSENCE,
    GRANT_LEAVE,
    REQUEST_PN
}
