package org.attendanceledger.attendance;

import java.time.LocalDate;
import java.util.Optional;
import org.attendanceledger.calendar.SchoolTimeline;

/**
 * How long an N ("reason not yet established") may stand (rules 4): it must be replaced within a number of school
 * days of that school, 5 under the national rule. School days skip weekends, holidays, INSET days and closures.
 */
public record NMarkDeadline(int schoolDaysToResolve) {

    public static final int NATIONAL_SCHOOL_DAYS = 5;

    public NMarkDeadline {
        if (schoolDaysToResolve < 1) {
            throw new IllegalArgumentException("an N must be given at least one school day: " + schoolDaysToResolve);
        }
    }

    public static NMarkDeadline national() {
        return new NMarkDeadline(NATIONAL_SCHOOL_DAYS);
    }

    /**
     * The last school day on which the N may still stand: the n-th school day after the session's date. Empty while
     * the school's published calendars do not reach that far.
     */
    public Optional<LocalDate> deadline(SchoolTimeline timeline, LocalDate sessionDate) {
        return timeline.nthSchoolDayAfter(sessionDate, schoolDaysToResolve);
    }

    /** Overdue from the day after the deadline. */
    public static boolean isOverdue(LocalDate deadline, LocalDate asOf) {
        return asOf.isAfter(deadline);
    }
}
