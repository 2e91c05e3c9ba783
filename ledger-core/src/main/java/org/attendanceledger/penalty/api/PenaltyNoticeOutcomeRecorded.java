package org.attendanceledger.penalty.api;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.common.Actor;

/** A notice ended; {@code amount} is what was paid (whole pounds) for PAID, null otherwise. */
public record PenaltyNoticeOutcomeRecorded(
        String noticeId,
        String laCode,
        PenaltyNoticeOutcome outcome,
        LocalDate on,
        Integer amount,
        Actor by,
        Instant recordedAt) implements PenaltyNoticeEvent {
}
