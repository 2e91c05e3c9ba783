package org.attendanceledger.leave;

import java.time.LocalDate;
import java.util.Set;
import org.attendanceledger.calendar.SessionSlot;

/**
 * Leave as granted: the sessions from {@code from} to {@code to} (both included), unless it was withdrawn, in which
 * case only the sessions up to and including the day of withdrawal stay covered (rules 5.3).
 */
public record GrantedLeave(String requestId, String upn, SessionSlot from, SessionSlot to, String code,
                           LocalDate withdrawnOn) {

    /** The codes of leave of absence (contract "Leave of absence"): a session with one of them expects a grant. */
    public static final Set<String> LEAVE_CODES = Set.of("C", "C1", "C2", "J1", "M", "R", "S", "T");

    public boolean covers(SessionSlot session) {
        return from.compareTo(session) <= 0 && session.compareTo(to) <= 0
                && (withdrawnOn == null || !session.date().isAfter(withdrawnOn));
    }
}
