package org.attendanceledger.roll.api;

import java.time.Instant;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that, in one academic year, the pupil is in another year group than the yearly move-up gives. */
public record RecordYearGroupException(
        @TargetAggregateIdentifier String enrolmentId,
        String urn,
        String upn,
        String academicYear,
        String yearGroup,
        String reason,
        Actor by,
        Instant recordedAt) {
}
