package org.attendanceledger.school.api;

import java.time.Instant;
import org.attendanceledger.common.Actor;

/** The school's policy for converting N marks still open after their deadline into O. */
public record AutomaticNConversionSet(
        String urn,
        boolean enabled,
        Actor owner,
        String policyVersion,
        Actor by,
        Instant recordedAt) implements SchoolEvent {
}
