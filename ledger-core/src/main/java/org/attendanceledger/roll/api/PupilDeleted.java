package org.attendanceledger.roll.api;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.common.Actor;

/** A pupil came off roll after {@code lastDayOnRoll}, on a lawful ground. */
public record PupilDeleted(
        String enrolmentId,
        String urn,
        String upn,
        LocalDate startingDay,
        LocalDate lastDayOnRoll,
        DeletionGround ground,
        String reason,
        Actor by,
        Instant recordedAt) implements EnrolmentEvent {
}
