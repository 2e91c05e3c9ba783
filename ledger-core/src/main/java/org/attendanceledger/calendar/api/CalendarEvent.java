package org.attendanceledger.calendar.api;

import java.util.List;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.Term;

/** Everything that can happen to a school's calendar for one academic year. Stored contract. */
public sealed interface CalendarEvent permits CalendarPublished, CalendarAmended {

    String calendarId();

    String urn();

    String academicYear();

    /** The terms in force after this event. */
    List<Term> terms();

    /** The closures in force after this event. */
    List<Closure> closures();
}
