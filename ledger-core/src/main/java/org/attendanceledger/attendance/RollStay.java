package org.attendanceledger.attendance;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.roll.YearGroups;

/**
 * One stay on a school's roll: from the starting day to the last day on roll, both inclusive. The last day is null
 * while the pupil is still on roll. {@code yearGroup} is the one given at admission (for the academic year of the
 * starting day); with the school's exceptions per academic year it gives the year group on each date, which decides
 * which partial closures apply to the pupil that day.
 */
public record RollStay(LocalDate startingDay, LocalDate lastDayOnRoll, String yearGroup,
                       Map<AcademicYear, String> yearGroupExceptions) {

    public RollStay {
        Objects.requireNonNull(startingDay, "startingDay");
        if (lastDayOnRoll != null && lastDayOnRoll.isBefore(startingDay.minusDays(1))) {
            throw new IllegalArgumentException(
                    "a stay cannot end (" + lastDayOnRoll + ") before it starts (" + startingDay + ")");
        }
        yearGroupExceptions = yearGroupExceptions == null ? Map.of() : Map.copyOf(yearGroupExceptions);
    }

    /** A stay with no year-group exceptions. */
    public RollStay(LocalDate startingDay, LocalDate lastDayOnRoll, String yearGroup) {
        this(startingDay, lastDayOnRoll, yearGroup, Map.of());
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(startingDay) && (lastDayOnRoll == null || !date.isAfter(lastDayOnRoll));
    }

    /** The pupil's year group on the date (null when the school never gave one). */
    public String yearGroupOn(LocalDate date) {
        return YearGroups.onDate(yearGroup, startingDay, yearGroupExceptions, date);
    }
}
