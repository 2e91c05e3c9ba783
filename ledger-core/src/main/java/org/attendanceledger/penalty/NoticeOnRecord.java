package org.attendanceledger.penalty;

import java.time.LocalDate;
import org.attendanceledger.penalty.api.PenaltyNoticeKind;
import org.attendanceledger.penalty.api.PenaltyNoticeOutcome;

/** A notice already issued to a parent for a pupil, as the limit needs it; {@code outcome} is null while open. */
public record NoticeOnRecord(String noticeId, PenaltyNoticeKind kind, LocalDate issuedOn,
                             PenaltyNoticeOutcome outcome) {
}
