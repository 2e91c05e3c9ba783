package org.attendanceledger.attendance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Percentages are for display only, rounded once at the end; no decision is ever taken on them. */
public final class Percentages {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Percentages() {
    }

    /** {@code part / whole} as a percentage with 2 decimal places, half up; null when the whole is 0. */
    public static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }
}
