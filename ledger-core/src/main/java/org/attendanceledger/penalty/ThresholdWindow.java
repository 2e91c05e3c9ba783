package org.attendanceledger.penalty;

import java.time.LocalDate;
import java.util.Objects;

/** A run of consecutive school weeks of one school, named by the Mondays of its first and last week. */
public record ThresholdWindow(LocalDate firstSchoolWeek, LocalDate lastSchoolWeek) {

    public ThresholdWindow {
        Objects.requireNonNull(firstSchoolWeek, "firstSchoolWeek");
        Objects.requireNonNull(lastSchoolWeek, "lastSchoolWeek");
    }
}
