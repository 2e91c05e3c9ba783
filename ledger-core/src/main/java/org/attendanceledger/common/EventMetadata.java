package org.attendanceledger.common;

/** Metadata keys every event carries, written by the service that received the request. Stored contract. */
public final class EventMetadata {

    /** When the ledger received the request that caused the event (ISO-8601 instant): the basis of "as known at". */
    public static final String RECEIVED_AT = "receivedAt";

    private EventMetadata() {
    }
}
