package org.attendanceledger.leave.api;

import java.time.Instant;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a request for leave of absence for a pupil, from one session to another, both included. */
public record RequestLeaveOfAbsence(
        @TargetAggregateIdentifier String requestId,
        String urn,
        String upn,
        SessionSlot from,
        SessionSlot to,
        String circumstance,
        LeaveRequester requestedBy,
        Actor by,
        Instant recordedAt) {
}
