package org.attendanceledger.school.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change the school's register policy for the sessions from {@code effectiveFrom} on. */
public record ChangeRegisterPolicy(
        @TargetAggregateIdentifier String urn,
        LocalDate effectiveFrom,
        LocalTime amRegisterStart,
        LocalTime pmRegisterStart,
        int registerWindowMinutes,
        boolean closingInstantIsLate,
        LocalTime amSessionEnd,
        LocalTime pmSessionEnd,
        String reason,
        Actor by,
        Instant recordedAt) {
}
