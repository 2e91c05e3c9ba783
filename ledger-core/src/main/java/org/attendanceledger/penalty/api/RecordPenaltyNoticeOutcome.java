package org.attendanceledger.penalty.api;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record how a notice ended: paid (with the amount, if the LA states it), withdrawn or prosecuted. */
public record RecordPenaltyNoticeOutcome(
        @TargetAggregateIdentifier String noticeId,
        PenaltyNoticeOutcome outcome,
        LocalDate on,
        Integer amount,
        Actor by,
        Instant recordedAt) {
}
