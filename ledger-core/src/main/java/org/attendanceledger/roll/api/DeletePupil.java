package org.attendanceledger.roll.api;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a pupil from the admission register on a ground the regulations allow. */
public record DeletePupil(
        @TargetAggregateIdentifier String enrolmentId,
        String urn,
        String upn,
        LocalDate lastDayOnRoll,
        DeletionGround ground,
        String reason,
        String evidenceReference,
        Actor by,
        Instant recordedAt,
        OtherSchoolConsent otherSchoolConsent) {
}
