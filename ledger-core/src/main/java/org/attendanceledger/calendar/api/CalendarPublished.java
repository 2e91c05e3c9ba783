package org.attendanceledger.calendar.api;

import java.time.Instant;
import java.util.List;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.Term;
import org.attendanceledger.common.Actor;

/** The first calendar a school published for an academic year. */
public record CalendarPublished(
        String calendarId,
        String urn,
        String academicYear,
        List<Term> terms,
        List<Closure> closures,
        Actor by,
        Instant recordedAt) implements CalendarEvent {
}
