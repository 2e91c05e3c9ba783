package org.attendanceledger.register.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.Actor;

/**
 * The original entry for a session. {@code codeSetVersion} names the code set in force on the session date, so the
 * mark keeps its meaning when the national codes change.
 */
public record AttendanceMarkRecorded(
        String entryId,
        String urn,
        String upn,
        LocalDate date,
        Session session,
        String code,
        String codeSetVersion,
        Integer minutesLate,
        LocalTime arrivalTime,
        Actor recordedBy,
        Instant recordedAt) implements RegisterEntryEvent {
}
