package org.attendanceledger.roll;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.attendanceledger.calendar.AcademicYear;

/**
 * The year-group ladder of English schools and the one rule that places a pupil on it on a given date (contract "Year
 * groups"): the year group given at admission is the one for the academic year of the starting day, and it moves up
 * one rung every 1 September, unless the school recorded an exception for that academic year.
 */
public final class YearGroups {

    /** Nursery (two years), reception, then years 1 to 13, in order. */
    public static final List<String> LADDER = List.of("N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7", "8", "9",
            "10", "11", "12", "13");

    private YearGroups() {
    }

    public static boolean isOnLadder(String yearGroup) {
        return yearGroup != null && LADDER.contains(yearGroup);
    }

    /**
     * The pupil's year group on {@code date}: the exception recorded for the date's academic year if there is one,
     * otherwise the admission year group moved up by the number of 1 Septembers from the starting day to the date (down
     * for a date before the starting day). The ladder ends at 13 (a pupil kept on stays in 13) and starts at N1. A year
     * group that is not on the ladder (only possible in events stored before admissions were checked) never moves, and
     * an unknown (null) one stays unknown.
     */
    public static String onDate(String admissionYearGroup, LocalDate startingDay,
                                Map<AcademicYear, String> exceptions, LocalDate date) {
        Objects.requireNonNull(startingDay, "startingDay");
        Objects.requireNonNull(date, "date");
        AcademicYear year = AcademicYear.containing(date);
        String exception = exceptions == null ? null : exceptions.get(year);
        if (exception != null) {
            return exception;
        }
        int rung = admissionYearGroup == null ? -1 : LADDER.indexOf(admissionYearGroup);
        if (rung < 0) {
            return admissionYearGroup;
        }
        int septembers = year.startYear() - AcademicYear.containing(startingDay).startYear();
        return LADDER.get(Math.max(0, Math.min(LADDER.size() - 1, rung + septembers)));
    }
}
