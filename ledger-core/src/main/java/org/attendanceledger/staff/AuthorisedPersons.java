package org.attendanceledger.staff;

import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.staff.api.GrantScope;

/**
 * Answers whether a member of staff held a grant on a date. The write side keeps it strongly consistent with the
 * grant events, so a decision is checked against the grants as they stood when it was made.
 */
public interface AuthorisedPersons {

    boolean holds(String urn, String staffId, GrantScope scope, LocalDate on);

    /** The names under which the school granted anything to this staff id (none if it never did). */
    List<String> holderNames(String urn, String staffId);
}
