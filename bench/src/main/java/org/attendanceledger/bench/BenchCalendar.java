package org.attendanceledger.bench;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.SchoolCalendar;
import org.attendanceledger.calendar.SessionScope;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.calendar.Term;

/** The 2024-25 calendar of the domain rules' "Example School" (section 9.0): 190 pupil days, 380 sessions. */
public final class BenchCalendar {

    public static final String ACADEMIC_YEAR = "2024-25";

    private static final List<Term> TERMS = List.of(
            term("2024-09-04", "2024-10-25"), term("2024-11-04", "2024-12-20"),
            term("2025-01-06", "2025-02-14"), term("2025-02-24", "2025-04-04"),
            term("2025-04-22", "2025-05-23"), term("2025-06-02", "2025-07-22"));
    private static final List<Closure> CLOSURES = List.of(
            new Closure(LocalDate.parse("2025-01-06"), SessionScope.BOTH, "INSET"),
            new Closure(LocalDate.parse("2025-02-24"), SessionScope.BOTH, "INSET"),
            new Closure(LocalDate.parse("2025-05-05"), SessionScope.BOTH, "Bank holiday"),
            new Closure(LocalDate.parse("2025-06-02"), SessionScope.BOTH, "INSET"));
    private static final SchoolCalendar CALENDAR =
            new SchoolCalendar(AcademicYear.parse(ACADEMIC_YEAR), TERMS, CLOSURES);

    private BenchCalendar() {
    }

    public static List<SessionSlot> sessions() {
        return CALENDAR.schoolSessions();
    }

    /** The body of {@code PUT /calendars/2024-25}. */
    public static Map<String, Object> publishRequest(Map<String, String> by) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("terms", TERMS.stream().map(t -> Map.of("start", t.start().toString(), "end", t.end().toString()))
                .toList());
        body.put("closures", CLOSURES.stream().map(c -> Map.of("date", c.date().toString(),
                "session", c.session().name(), "reason", c.reason())).toList());
        body.put("by", by);
        return body;
    }

    private static Term term(String start, String end) {
        return new Term(LocalDate.parse(start), LocalDate.parse(end));
    }
}
