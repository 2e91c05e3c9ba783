package org.attendanceledger.audit;

import java.time.Duration;
import java.time.Instant;

/**
 * A version of an entry is backdated when the school's own instant for it (recordedAt or amendedAt) lies more than the
 * allowed delay before the ledger received it: that is how an authority that has since expired would be used.
 */
public final class Backdating {

    private Backdating() {
    }

    public static boolean isBackdated(Instant claimed, Instant received, Duration allowedDelay) {
        return claimed != null && received != null && claimed.isBefore(received.minus(allowedDelay));
    }
}
