package org.attendanceledger.catalogue;

import java.util.Objects;

/**
 * One attendance register code as defined by one code set. The same letter can mean different things
 * in different sets (e.g. {@code J} was attendance before 2024), so look codes up by session date.
 */
public record AttendanceCode(String code, String meaning, CodeCategory category, boolean countsTowardsPenaltyThreshold) {

    public AttendanceCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(category, "category");
        if (countsTowardsPenaltyThreshold && category != CodeCategory.UNAUTHORISED_ABSENCE) {
            throw new IllegalArgumentException("only unauthorised absence can count towards the penalty threshold: " + code);
        }
    }
}
