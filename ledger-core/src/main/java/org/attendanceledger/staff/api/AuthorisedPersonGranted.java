package org.attendanceledger.staff.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.attendanceledger.common.Actor;

/** A member of staff became an authorised person for the given decisions, effective-dated. */
public record AuthorisedPersonGranted(
        String grantId,
        String urn,
        String staffId,
        String name,
        String position,
        Set<GrantScope> scopes,
        LocalDate from,
        LocalDate to,
        Actor by,
        Instant recordedAt) implements AuthorisedPersonEvent {
}
