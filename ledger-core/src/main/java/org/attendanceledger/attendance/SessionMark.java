package org.attendanceledger.attendance;

import java.time.LocalDate;
import java.util.Objects;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;

/** The code a pupil's register entry reads for one session. */
public record SessionMark(LocalDate date, Session session, String code) {

    public SessionMark {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(code, "code");
    }

    public SessionSlot slot() {
        return new SessionSlot(date, session);
    }
}
