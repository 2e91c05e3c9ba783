package org.attendanceledger.calendar;

import java.time.LocalDate;
import java.util.Objects;

/** A span of the school calendar in which pupils are taught, inclusive at both ends. */
public record Term(LocalDate start, LocalDate end) {

    public Term {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("term ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end);
    }

    boolean overlaps(Term other) {
        return !other.end.isBefore(start) && !other.start.isAfter(end);
    }
}
