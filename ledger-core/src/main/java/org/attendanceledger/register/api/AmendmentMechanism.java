package org.attendanceledger.register.api;

/** How an amendment came about; an automatic one is still attributed to a named person. */
public enum AmendmentMechanism {
    MANUAL,
    AUTOMATIC_POLICY
}
