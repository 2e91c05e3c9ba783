package org.attendanceledger.school.api;

import java.time.Instant;
import java.time.LocalTime;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add a school to the ledger with its register policy. */
public record RegisterSchool(
        @TargetAggregateIdentifier String urn,
        String name,
        String laCode,
        LocalTime amRegisterStart,
        LocalTime pmRegisterStart,
        int registerWindowMinutes,
        boolean closingInstantIsLate,
        Actor by,
        Instant recordedAt,
        LocalTime amSessionEnd,
        LocalTime pmSessionEnd) {
}
