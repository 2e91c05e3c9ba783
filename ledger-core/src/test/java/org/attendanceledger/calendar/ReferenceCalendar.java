package org.attendanceledger.calendar;

import static org.attendanceledger.calendar.SessionScope.BOTH;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Example School" calendars of rules section 9.0, shared by the worked cases. Holidays between and
 * within terms are gaps between terms; INSET days and the bank holiday are whole-school closures inside a
 * term, as a school would publish them.
 */
public final class ReferenceCalendar {

    public static final AcademicYear YEAR_2024_25 = AcademicYear.parse("2024-25");
    public static final AcademicYear YEAR_2025_26 = AcademicYear.parse("2025-26");

    private ReferenceCalendar() {
    }

    public static SchoolCalendar exampleSchool2024To25() {
        return exampleSchool2024To25(List.of());
    }

    /** The 2024-25 calendar with extra closures, e.g. a partial closure for one year group. */
    public static SchoolCalendar exampleSchool2024To25(List<Closure> extraClosures) {
        List<Term> terms = List.of(
                term(2024, 9, 4, 2024, 10, 25),
                term(2024, 11, 4, 2024, 12, 20),
                term(2025, 1, 6, 2025, 2, 14),
                term(2025, 2, 24, 2025, 4, 4),
                // Mon 21 Apr is Easter Monday, so the summer term starts on the Tuesday.
                term(2025, 4, 22, 2025, 5, 23),
                term(2025, 6, 2, 2025, 7, 22));
        List<Closure> closures = new ArrayList<>(List.of(
                new Closure(LocalDate.of(2025, 1, 6), BOTH, "INSET"),
                new Closure(LocalDate.of(2025, 2, 24), BOTH, "INSET"),
                new Closure(LocalDate.of(2025, 5, 5), BOTH, "Early May bank holiday"),
                new Closure(LocalDate.of(2025, 6, 2), BOTH, "INSET")));
        closures.addAll(extraClosures);
        return new SchoolCalendar(YEAR_2024_25, terms, closures);
    }

    /** Only the first half of the autumn term is published for 2025-26. */
    public static SchoolCalendar exampleSchool2025To26() {
        return new SchoolCalendar(YEAR_2025_26, List.of(term(2025, 9, 3, 2025, 10, 24)), List.of());
    }

    public static SchoolTimeline exampleSchoolTimeline() {
        return new SchoolTimeline(List.of(exampleSchool2024To25(), exampleSchool2025To26()));
    }

    private static Term term(int startYear, int startMonth, int startDay, int endYear, int endMonth, int endDay) {
        return new Term(LocalDate.of(startYear, startMonth, startDay), LocalDate.of(endYear, endMonth, endDay));
    }
}
