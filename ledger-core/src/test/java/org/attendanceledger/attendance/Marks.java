package org.attendanceledger.attendance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.calendar.Session;

/** Builds the marks of the worked cases. */
public final class Marks {

    private Marks() {
    }

    public static SessionMark mark(String date, Session session, String code) {
        return new SessionMark(LocalDate.parse(date), session, code);
    }

    /** The same code for the AM and PM sessions of every date given. */
    public static List<SessionMark> allDay(String code, String... dates) {
        List<SessionMark> marks = new ArrayList<>();
        for (String date : dates) {
            marks.add(mark(date, Session.AM, code));
            marks.add(mark(date, Session.PM, code));
        }
        return marks;
    }

    /** The same code for one session of every date given. */
    public static List<SessionMark> every(Session session, String code, String... dates) {
        List<SessionMark> marks = new ArrayList<>();
        for (String date : dates) {
            marks.add(mark(date, session, code));
        }
        return marks;
    }

    @SafeVarargs
    public static List<SessionMark> concat(List<SessionMark>... parts) {
        List<SessionMark> all = new ArrayList<>();
        for (List<SessionMark> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
