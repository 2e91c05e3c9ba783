package org.attendanceledger.register.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change an existing entry. All five audit items are required: the original stays in the chain. */
public record AmendMark(
        @TargetAggregateIdentifier String entryId,
        String urn,
        String upn,
        LocalDate date,
        Session session,
        String code,
        Integer minutesLate,
        LocalTime arrivalTime,
        String reason,
        Actor amendedBy,
        Instant amendedAt,
        Long expectedVersion,
        AmendmentMechanism mechanism) {

    public static AmendMark of(String urn, String upn, LocalDate date, Session session, String code,
                               Integer minutesLate, LocalTime arrivalTime, String reason, Actor amendedBy,
                               Instant amendedAt, Long expectedVersion) {
        return new AmendMark(new RegisterEntryId(urn, upn, date, session).value(), urn, upn, date, session, code,
                minutesLate, arrivalTime, reason, amendedBy, amendedAt, expectedVersion, AmendmentMechanism.MANUAL);
    }
}
