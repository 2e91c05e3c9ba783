package org.attendanceledger.calendar;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/** One session of one day, ordered by date and then AM before PM. */
public record SessionSlot(LocalDate date, Session session) implements Comparable<SessionSlot> {

    private static final Comparator<SessionSlot> CHRONOLOGICAL =
            Comparator.comparing(SessionSlot::date).thenComparing(SessionSlot::session);

    public SessionSlot {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(session, "session");
    }

    @Override
    public int compareTo(SessionSlot other) {
        return CHRONOLOGICAL.compare(this, other);
    }

    @Override
    public String toString() {
        return date + " " + session;
    }
}
