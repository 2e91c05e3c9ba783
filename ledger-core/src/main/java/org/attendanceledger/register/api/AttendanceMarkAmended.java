package org.attendanceledger.register.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.Actor;

/**
 * A change to an entry, carrying the five audit items: the entry before ({@code previousCode}), the entry after
 * ({@code code}), the reason, the date ({@code amendedOn}, with the full instant) and who made it, name and position.
 */
public record AttendanceMarkAmended(
        String entryId,
        String urn,
        String upn,
        LocalDate date,
        Session session,
        String previousCode,
        Integer previousMinutesLate,
        String code,
        String codeSetVersion,
        Integer minutesLate,
        LocalTime arrivalTime,
        String reason,
        LocalDate amendedOn,
        Instant amendedAt,
        Actor amendedBy,
        AmendmentMechanism mechanism) implements RegisterEntryEvent {
}
