package org.attendanceledger.projections;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Reads "as known at" an instant answer from the rows the projection had received by then: every row keeps when the
 * ledger received its fact. A null instant means now, as the read models read at present.
 */
public final class KnownAt {

    private KnownAt() {
    }

    /** The instant as a SQL parameter; null stays null, so that {@code ? IS NULL OR received_at <= ?} reads as now. */
    public static Timestamp timestamp(Instant knownAt) {
        return knownAt == null ? null : Timestamp.from(knownAt);
    }
}
