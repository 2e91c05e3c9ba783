package org.attendanceledger.roll.api;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.common.Actor;

/**
 * A pupil came off roll after {@code lastDayOnRoll}, on a lawful ground. {@code evidenceReference} points at the
 * school's evidence for the ground (e.g. the written notice of home education); null when none was given, and in
 * events stored before it existed. {@code otherSchoolConsent} is the other school's consent, given for the ground
 * DUAL_REGISTRATION_ENDED and null otherwise (and in events stored before it existed).
 */
public record PupilDeleted(
        String enrolmentId,
        String urn,
        String upn,
        LocalDate startingDay,
        LocalDate lastDayOnRoll,
        DeletionGround ground,
        String reason,
        Actor by,
        Instant recordedAt,
        String evidenceReference,
        OtherSchoolConsent otherSchoolConsent) implements EnrolmentEvent {
}
