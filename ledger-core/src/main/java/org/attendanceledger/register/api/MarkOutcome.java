package org.attendanceledger.register.api;

/** What a {@link RecordMark} did: stored the original entry, or found it already there. */
public record MarkOutcome(Status status, long version, String code) {

    public enum Status {
        RECORDED,
        DUPLICATE
    }
}
