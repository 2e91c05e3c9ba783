package org.attendanceledger.penalty.api;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issue a notice to improve or a penalty notice to a parent (an opaque reference, never a name) for a pupil. */
public record IssuePenaltyNotice(
        @TargetAggregateIdentifier String noticeId,
        String laCode,
        String urn,
        String upn,
        String parentRef,
        PenaltyNoticeKind kind,
        LocalDate issuedOn,
        SessionSlot breachAt,
        Actor by,
        Instant recordedAt) {
}
