package org.attendanceledger.calendar.api;

import java.time.Instant;
import java.util.List;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.Term;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publish a school's calendar for one academic year; publishing again amends it and needs a reason. */
public record PublishCalendar(
        @TargetAggregateIdentifier String calendarId,
        String urn,
        String academicYear,
        List<Term> terms,
        List<Closure> closures,
        Actor by,
        String reason,
        Instant recordedAt) {

    public static String calendarId(String urn, String academicYear) {
        return urn + ":" + academicYear;
    }
}
