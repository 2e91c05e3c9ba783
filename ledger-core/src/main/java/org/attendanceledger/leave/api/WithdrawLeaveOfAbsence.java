package org.attendanceledger.leave.api;

import java.time.Instant;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw granted leave (rules 5.3: e.g. for poor attendance); sessions after the withdrawal lose its cover. */
public record WithdrawLeaveOfAbsence(
        @TargetAggregateIdentifier String requestId,
        String reason,
        Actor by,
        Instant withdrawnAt) {
}
