package org.attendanceledger.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Dates in the register are local dates in England. */
public final class LedgerClock {

    public static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private LedgerClock() {
    }

    public static LocalDate localDate(Instant instant) {
        return instant.atZone(ENGLAND).toLocalDate();
    }
}
