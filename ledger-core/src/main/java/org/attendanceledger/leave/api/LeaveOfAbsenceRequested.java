package org.attendanceledger.leave.api;

import java.time.Instant;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.common.Actor;

/** A request for leave of absence was made; {@code circumstance} is free text and may be health data. */
public record LeaveOfAbsenceRequested(
        String requestId,
        String urn,
        String upn,
        SessionSlot from,
        SessionSlot to,
        String circumstance,
        LeaveRequester requestedBy,
        Actor by,
        Instant recordedAt) implements LeaveOfAbsenceEvent {
}
