package org.attendanceledger.staff;

import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.staff.api.GrantScope;

/**
 * Answers whether a member of staff held a grant on a date. The write side keeps it strongly consistent with the
 * grant events, so a decision is checked against the grants as they stood when it was made.
 */
public interface AuthorisedPersons {

    boolean holds(String urn, String staffId, GrantScope scope, LocalDate on);

    /** The names under which the school granted anything to this staff id (none if it never did). */
    List<String> holderNames(String urn, String staffId);

    /**
     * Whoever gives a staff id must be the person the school's grants name for it (case and spacing aside): a name
     * cannot borrow another person's grant. A staff id the school never granted anything to names nobody to compare.
     */
    default void requireHolder(String urn, Actor actor, String field) {
        String staffId = actor == null ? null : actor.staffId();
        if (staffId == null || staffId.isBlank()) {
            return;
        }
        List<String> holders = holderNames(urn, staffId);
        if (!holders.isEmpty() && holders.stream().noneMatch(holder -> Actor.sameName(holder, actor.name()))) {
            throw new RuleViolation(ErrorCode.ACTOR_MISMATCH, field,
                    "staff id " + staffId + " belongs to " + String.join(" / ", holders) + ", not " + actor.name());
        }
    }

    /** Whether the actor gave a staff id that held the scope on the date. */
    default boolean actorHolds(String urn, Actor actor, GrantScope scope, LocalDate on) {
        String staffId = actor == null ? null : actor.staffId();
        return staffId != null && !staffId.isBlank() && holds(urn, staffId, scope, on);
    }
}
