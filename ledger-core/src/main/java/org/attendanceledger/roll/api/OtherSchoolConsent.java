package org.attendanceledger.roll.api;

import java.time.LocalDate;
import org.attendanceledger.common.Actor;

/**
 * The other school's consent to ending a dual registration [REG24 reg 9(1)(c)]: which school, who gave it (name and
 * position) and on which day.
 */
public record OtherSchoolConsent(String otherUrn, Actor by, LocalDate on) {
}
