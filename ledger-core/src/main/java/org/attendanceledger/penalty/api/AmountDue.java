package org.attendanceledger.penalty.api;

import java.time.LocalDate;

/** What a penalty notice costs if paid by a date (whole pounds). */
public record AmountDue(LocalDate by, int amount) {
}
