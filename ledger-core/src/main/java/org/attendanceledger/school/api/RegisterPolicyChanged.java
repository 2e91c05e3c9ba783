package org.attendanceledger.school.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.attendanceledger.common.Actor;

/**
 * The school changed its register policy for sessions from {@code effectiveFrom} on. Sessions before that date keep
 * the policy they were judged under: marks already made are never judged again.
 */
public record RegisterPolicyChanged(
        String urn,
        LocalDate effectiveFrom,
        LocalTime amRegisterStart,
        LocalTime pmRegisterStart,
        int registerWindowMinutes,
        boolean closingInstantIsLate,
        LocalTime amSessionEnd,
        LocalTime pmSessionEnd,
        String reason,
        Actor by,
        Instant recordedAt) implements SchoolEvent {
}
