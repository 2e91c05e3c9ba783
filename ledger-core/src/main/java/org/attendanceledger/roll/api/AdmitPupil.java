package org.attendanceledger.roll.api;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enter a pupil on the admission register from the starting day; {@code dualRegistration} is null for a single one. */
public record AdmitPupil(
        @TargetAggregateIdentifier String enrolmentId,
        String urn,
        String upn,
        LocalDate startingDay,
        String yearGroup,
        Actor by,
        Instant recordedAt,
        DualRegistration dualRegistration) {

    public static String enrolmentId(String urn, String upn) {
        return urn + ":" + upn;
    }
}
