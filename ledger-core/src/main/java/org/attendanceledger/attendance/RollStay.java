package org.attendanceledger.attendance;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One stay on a school's roll: from the starting day to the last day on roll, both inclusive. The last day is null
 * while the pupil is still on roll. The year group decides which partial closures apply to the pupil.
 */
public record RollStay(LocalDate startingDay, LocalDate lastDayOnRoll, String yearGroup) {

    public RollStay {
        Objects.requireNonNull(startingDay, "startingDay");
        if (lastDayOnRoll != null && lastDayOnRoll.isBefore(startingDay.minusDays(1))) {
            throw new IllegalArgumentException(
                    "a stay cannot end (" + lastDayOnRoll + ") before it starts (" + startingDay + ")");
        }
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(startingDay) && (lastDayOnRoll == null || !date.isAfter(lastDayOnRoll));
    }
}
