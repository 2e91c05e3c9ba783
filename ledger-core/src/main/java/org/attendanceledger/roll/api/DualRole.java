package org.attendanceledger.roll.api;

/** A stay's part in a dual registration (rules 8.2): the main school, or the subsidiary one (a PRU, AP, special school). */
public enum DualRole {
    MAIN,
    SUBSIDIARY;

    /** The role of the other school's stay: a dual registration has one main and one subsidiary school. */
    public DualRole opposite() {
        return this == MAIN ? SUBSIDIARY : MAIN;
    }
}
