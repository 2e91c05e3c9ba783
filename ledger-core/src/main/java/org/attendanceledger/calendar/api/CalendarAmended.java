package org.attendanceledger.calendar.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.Term;
import org.attendanceledger.common.Actor;

/** A re-published calendar, with the five audit items: the calendar before, after, reason, date and person. */
public record CalendarAmended(
        String calendarId,
        String urn,
        String academicYear,
        List<Term> previousTerms,
        List<Closure> previousClosures,
        List<Term> terms,
        List<Closure> closures,
        String reason,
        LocalDate amendedOn,
        Actor by,
        Instant recordedAt) implements CalendarEvent {
}
