package org.attendanceledger.leave.api;

import java.time.Instant;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grant (with the leave code its sessions take) or refuse a request for leave of absence. */
public record DecideLeaveOfAbsence(
        @TargetAggregateIdentifier String requestId,
        LeaveDecision decision,
        String code,
        String reason,
        Actor decidedBy,
        Instant decidedAt) {
}
