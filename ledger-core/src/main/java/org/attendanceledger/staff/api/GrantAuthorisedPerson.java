package org.attendanceledger.staff.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make a member of staff an authorised person for some decisions, from a date and optionally until one. */
public record GrantAuthorisedPerson(
        @TargetAggregateIdentifier String grantId,
        String urn,
        String staffId,
        String name,
        String position,
        Set<GrantScope> scopes,
        LocalDate from,
        LocalDate to,
        Actor by,
        Instant recordedAt) {
}
