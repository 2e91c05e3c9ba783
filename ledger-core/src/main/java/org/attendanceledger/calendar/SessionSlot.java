package org.attendanceledger.calendar;

import java.time.LocalDate;
import java.util.Objects;

/** One session of one day, ordered by date and then AM before PM. */
public record SessionSlot(LocalDate date, Session session) implements Comparable<SessionSlot> {

    public SessionSlot {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(session, "session");
    }

    @Override
    public int compareTo(SessionSlot other) {
        // Written out rather than as a Comparator chain: the LA queue compares slots for every stored breach row, and
        // the chain's boxing lambdas were a tenth of its time.
        int byDate = date.compareTo(other.date);
        return byDate != 0 ? byDate : session.compareTo(other.session);
    }

    @Override
    public String toString() {
        return date + " " + session;
    }
}
