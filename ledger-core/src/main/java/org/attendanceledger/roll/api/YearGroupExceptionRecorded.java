package org.attendanceledger.roll.api;

import java.time.Instant;
import org.attendanceledger.common.Actor;

/**
 * In {@code academicYear} (written {@code 2024-25}) the pupil is in {@code yearGroup} instead of
 * {@code previousYearGroup}, the year group the pupil had for that year until now (null if the school never gave one).
 * The five audit items: the original and the amended year group, the reason, the date and the person with position.
 */
public record YearGroupExceptionRecorded(
        String enrolmentId,
        String urn,
        String upn,
        String academicYear,
        String previousYearGroup,
        String yearGroup,
        String reason,
        Actor by,
        Instant recordedAt) implements EnrolmentEvent {
}
