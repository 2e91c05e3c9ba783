package org.attendanceledger.calendar;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * A planned closure inside the calendar: an INSET day, a bank holiday, a polling day, or a staggered
 * start. With no year groups it closes the whole school; otherwise only those year groups (e.g. "7")
 * lose the session and the school still meets for everyone else.
 */
public record Closure(LocalDate date, SessionScope session, String reason, Set<String> yearGroups) {

    public Closure {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(reason, "reason");
        yearGroups = yearGroups == null ? Set.of() : Set.copyOf(yearGroups);
    }

    /** A whole-school closure. */
    public Closure(LocalDate date, SessionScope session, String reason) {
        this(date, session, reason, Set.of());
    }

    public boolean isWholeSchool() {
        return yearGroups.isEmpty();
    }

    public boolean covers(LocalDate date, Session session) {
        return this.date.equals(date) && this.session.covers(session);
    }

    /** Whether this closure takes the session away from a pupil in the year group (null: unknown year group). */
    public boolean closesFor(String yearGroupOrNull) {
        return isWholeSchool() || (yearGroupOrNull != null && yearGroups.contains(yearGroupOrNull));
    }
}
