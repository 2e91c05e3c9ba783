package org.attendanceledger.leave.api;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.common.Actor;

/** An authorised person granted or refused leave; a grant covers the sessions from {@code from} to {@code to}. */
public record LeaveOfAbsenceDecided(
        String requestId,
        String urn,
        String upn,
        LeaveDecision decision,
        String code,
        SessionSlot from,
        SessionSlot to,
        String reason,
        LocalDate decidedOn,
        Instant decidedAt,
        Actor decidedBy) implements LeaveOfAbsenceEvent {
}
