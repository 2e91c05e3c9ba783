package org.attendanceledger.register.api;

/** The entry's version after the amendment, with the codes before and after. */
public record AmendmentOutcome(long version, String previousCode, String code, boolean replayed) {
}
