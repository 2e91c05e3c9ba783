package org.attendanceledger.leave.api;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.common.Actor;

/** Granted leave was withdrawn; it no longer covers sessions dated after {@code withdrawnOn}. */
public record LeaveOfAbsenceWithdrawn(
        String requestId,
        String urn,
        String upn,
        String reason,
        LocalDate withdrawnOn,
        Instant withdrawnAt,
        Actor by) implements LeaveOfAbsenceEvent {
}
