package org.attendanceledger.service.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.SchoolCalendar;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionScope;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.calendar.Term;

/** Whole registers over the reference "Example School" calendar of 2024-25 (rules 9.0), as the MIS posts them. */
public final class ReferenceRegisters {

    /** Every one of the 380 sessions of 2024-25, in order. */
    public static final List<SessionSlot> SESSIONS_2024_25 = new SchoolCalendar(AcademicYear.parse("2024-25"),
            Fixtures.referenceTerms2024().stream()
                    .map(t -> new Term(LocalDate.parse((String) t.get("start")),
                            LocalDate.parse((String) t.get("end"))))
                    .toList(),
            Fixtures.referenceClosures2024().stream()
                    .map(c -> new Closure(LocalDate.parse((String) c.get("date")),
                            SessionScope.valueOf((String) c.get("session")), (String) c.get("reason"), Set.of()))
                    .toList())
            .schoolSessions();

    private ReferenceRegisters() {
    }

    /** A pupil's register for the whole of 2024-25: present at every session except the absences added. */
    public static YearRegister year(String upn) {
        return new YearRegister(upn);
    }

    /**
     * The given marks, and present at every other session of 2024-25 up to and including {@code until}: a complete
     * register, as the worked cases assume.
     */
    public static List<Map<String, Object>> presentOtherwise(String upn, List<Map<String, Object>> marks,
                                                             String until) {
        List<Map<String, Object>> complete = new ArrayList<>(marks);
        java.util.Set<String> given = new java.util.HashSet<>();
        marks.forEach(mark -> given.add(mark.get("date") + " " + mark.get("session")));
        for (SessionSlot slot : SESSIONS_2024_25) {
            if (!slot.date().isAfter(LocalDate.parse(until)) && !given.contains(slot.date() + " " + slot.session())) {
                complete.add(Fixtures.mark(upn, slot.date().toString(), slot.session().name(),
                        present(slot.session())));
            }
        }
        return complete;
    }

    /** The present code of a session: {@code /} in the morning, {@code \} in the afternoon. */
    public static String present(Session session) {
        return session == Session.AM ? "/" : "\\";
    }

    public static final class YearRegister {

        private final String upn;
        private final List<String> codes = new ArrayList<>();

        private YearRegister(String upn) {
            this.upn = upn;
        }

        /** The next {@code sessions} sessions from the start of the year are marked with the code. */
        public YearRegister absent(int sessions, String code) {
            for (int i = 0; i < sessions; i++) {
                codes.add(code);
            }
            return this;
        }

        public List<Map<String, Object>> marks() {
            List<Map<String, Object>> marks = new ArrayList<>();
            for (int index = 0; index < SESSIONS_2024_25.size(); index++) {
                SessionSlot slot = SESSIONS_2024_25.get(index);
                String code = index < codes.size() ? codes.get(index) : present(slot.session());
                marks.add(Fixtures.mark(upn, slot.date().toString(), slot.session().name(), code));
            }
            return marks;
        }
    }
}
