package org.attendanceledger.school.api;

import java.time.Instant;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Turn the school's automatic N to O conversion on or off. Conversions are attributed to {@code owner}, the named
 * member of staff who owns the rule: an automatic amendment still needs a person with a position.
 */
public record SetAutomaticNConversion(
        @TargetAggregateIdentifier String urn,
        boolean enabled,
        Actor owner,
        String policyVersion,
        Actor by,
        Instant recordedAt) {
}
