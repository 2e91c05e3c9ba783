package org.attendanceledger.calendar.api;

/** What publishing did: first publication, an amendment, or nothing (the same calendar again). */
public record CalendarOutcome(Result result, long version) {

    public enum Result {
        PUBLISHED,
        AMENDED,
        UNCHANGED
    }
}
