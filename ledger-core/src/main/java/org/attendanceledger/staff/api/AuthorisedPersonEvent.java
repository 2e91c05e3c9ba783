package org.attendanceledger.staff.api;

/** Everything that can happen to a grant. Stored contract. */
public sealed interface AuthorisedPersonEvent permits AuthorisedPersonGranted {

    String grantId();
}
