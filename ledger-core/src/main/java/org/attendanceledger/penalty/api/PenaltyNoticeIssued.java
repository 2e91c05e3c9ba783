package org.attendanceledger.penalty.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.common.Actor;

/**
 * An LA issued a notice. {@code noticeNumber} is 1 or 2 for a penalty notice (the first or second counted one to this
 * parent for this pupil within 3 years, which sets the tariff) and 0 for a notice to improve.
 */
public record PenaltyNoticeIssued(
        String noticeId,
        String laCode,
        String urn,
        String upn,
        String parentRef,
        PenaltyNoticeKind kind,
        LocalDate issuedOn,
        SessionSlot breachAt,
        int noticeNumber,
        List<AmountDue> amountIfPaidBy,
        Actor by,
        Instant recordedAt) implements PenaltyNoticeEvent {
}
