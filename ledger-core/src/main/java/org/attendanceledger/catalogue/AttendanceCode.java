package org.attendanceledger.catalogue;

import java.util.Objects;

/**
 * One attendance register code as defined by one code set. The same letter can mean different things
 * in different sets (e.g. {@code J} was attendance before 2024), so look codes up by session date.
 *
 * <p>{@code mayBeEnteredInAdvance} separates what can be known before a session starts (a planned closure, a session
 * at the other school of a dual registration, a planned educational activity, granted leave) from what only the
 * session itself can show (present, late, ill, absent without a reason).
 */
public record AttendanceCode(String code, String meaning, CodeCategory category, boolean countsTowardsPenaltyThreshold,
                             boolean mayBeEnteredInAdvance) {

    public AttendanceCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(category, "category");
        if (countsTowardsPenaltyThreshold && category != CodeCategory.UNAUTHORISED_ABSENCE) {
            throw new IllegalArgumentException("only unauthorised absence can count towards the penalty threshold: " + code);
        }
    }
}
