package org.attendanceledger.school.api;

import java.time.Instant;
import java.time.LocalTime;
import org.attendanceledger.common.Actor;

/**
 * A school joined the ledger, with the register policy that decides L against U. The session ends came later to the
 * contract: events stored before them read as null (no stated end).
 */
public record SchoolRegistered(
        String urn,
        String name,
        String laCode,
        LocalTime amRegisterStart,
        LocalTime pmRegisterStart,
        int registerWindowMinutes,
        boolean closingInstantIsLate,
        Actor by,
        Instant recordedAt,
        LocalTime amSessionEnd,
        LocalTime pmSessionEnd) implements SchoolEvent {
}
