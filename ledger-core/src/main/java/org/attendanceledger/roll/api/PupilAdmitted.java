package org.attendanceledger.roll.api;

import java.time.Instant;
import java.time.LocalDate;
import org.attendanceledger.common.Actor;

/**
 * A pupil went on roll. Identifiers only: pupils' and parents' names never enter the ledger. {@code dualRegistration}
 * links this stay to the pupil's stay at another school; null for a single registration, and in events stored before
 * it existed.
 */
public record PupilAdmitted(
        String enrolmentId,
        String urn,
        String upn,
        LocalDate startingDay,
        String yearGroup,
        Actor by,
        Instant recordedAt,
        DualRegistration dualRegistration) implements EnrolmentEvent {
}
