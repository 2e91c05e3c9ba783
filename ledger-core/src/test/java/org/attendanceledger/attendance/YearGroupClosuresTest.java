package org.attendanceledger.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.ReferenceCalendar;
import org.attendanceledger.calendar.SchoolCalendar;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionScope;
import org.attendanceledger.calendar.Term;
import org.attendanceledger.roll.YearGroups;

/**
 * Closures by year group apply to the pupil's year group on the session's date, which moves up every 1 September.
 * Checked against a brute-force oracle that counts Septembers day by day.
 */
class YearGroupClosuresTest {

    private static final LocalDate JULY_CLOSURE = LocalDate.of(2025, 7, 15);
    private static final LocalDate SEPTEMBER_CLOSURE = LocalDate.of(2025, 9, 10);

    /** The case of the issue: year 7 closed in July and in September; a pupil admitted in year 6 misses only September. */
    @Property(tries = 50)
    void a_closure_for_year_7_in_july_and_september_hits_a_pupil_admitted_in_year_6_only_in_september(
            @ForAll("startingDays") LocalDate startingDay, @ForAll Session session) {
        PupilSchedule pupil = new PupilSchedule(timeline("7", "7"), List.of(new RollStay(startingDay, null, "6")));

        assertThat(pupil.isScheduled(JULY_CLOSURE, session)).isTrue();
        assertThat(pupil.isScheduled(SEPTEMBER_CLOSURE, session)).isFalse();
    }

    /**
     * For any closing year groups, admission year group and exception, each session is scheduled exactly when the
     * oracle's year group on its date is not closed, and the count over any period is the number of such sessions.
     */
    @Property(tries = 300)
    void year_group_closures_follow_the_year_group_on_the_session_date(
            @ForAll("ladder") String julyClosed, @ForAll("ladder") String septemberClosed,
            @ForAll("ladder") String admitted, @ForAll("startingDays") LocalDate startingDay,
            @ForAll("exception") String exceptionFor2025, @ForAll("periodStarts") LocalDate from,
            @ForAll("periodStarts") LocalDate to) {
        SchoolTimeline timeline = timeline(julyClosed, septemberClosed);
        Map<AcademicYear, String> exceptions = exceptionFor2025.isEmpty() ? Map.of()
                : Map.of(AcademicYear.parse("2025-26"), exceptionFor2025);
        PupilSchedule pupil = new PupilSchedule(timeline, List.of(new RollStay(startingDay, null, admitted,
                exceptions)));

        int expectedCount = 0;
        for (LocalDate day = startingDay; !day.isAfter(LocalDate.of(2025, 10, 24)); day = day.plusDays(1)) {
            for (Session session : Session.values()) {
                boolean expected = timeline.isSchoolSession(day, session)
                        && !closedFor(day, julyClosed, septemberClosed, oracle(admitted, startingDay, exceptions, day));
                assertThat(pupil.isScheduled(day, session)).as(day + " " + session).isEqualTo(expected);
                if (expected && !day.isBefore(from) && !day.isAfter(to)) {
                    expectedCount++;
                }
            }
        }
        assertThat(pupil.countScheduled(from, to)).isEqualTo(expectedCount);
    }

    private static boolean closedFor(LocalDate day, String julyClosed, String septemberClosed, String yearGroup) {
        return (day.equals(JULY_CLOSURE) && julyClosed.equals(yearGroup))
                || (day.equals(SEPTEMBER_CLOSURE) && septemberClosed.equals(yearGroup));
    }

    /** Climb one rung for each 1 September between the starting day and the day, unless an exception holds. */
    private static String oracle(String admitted, LocalDate startingDay, Map<AcademicYear, String> exceptions,
                                 LocalDate day) {
        if (!day.isBefore(LocalDate.of(2025, 9, 1)) && exceptions.containsKey(AcademicYear.parse("2025-26"))) {
            return exceptions.get(AcademicYear.parse("2025-26"));
        }
        int rung = YearGroups.LADDER.indexOf(admitted);
        for (LocalDate d = startingDay.plusDays(1); !d.isAfter(day); d = d.plusDays(1)) {
            if (d.getMonth() == Month.SEPTEMBER && d.getDayOfMonth() == 1) {
                rung = Math.min(rung + 1, YearGroups.LADDER.size() - 1);
            }
        }
        return YearGroups.LADDER.get(rung);
    }

    private static SchoolTimeline timeline(String julyClosed, String septemberClosed) {
        SchoolCalendar thisYear = ReferenceCalendar.exampleSchool2024To25(List.of(
                new Closure(JULY_CLOSURE, SessionScope.BOTH, "Year group trip", Set.of(julyClosed))));
        SchoolCalendar nextYear = new SchoolCalendar(AcademicYear.parse("2025-26"),
                List.of(new Term(LocalDate.of(2025, 9, 3), LocalDate.of(2025, 10, 24))),
                List.of(new Closure(SEPTEMBER_CLOSURE, SessionScope.BOTH, "Induction", Set.of(septemberClosed))));
        return new SchoolTimeline(List.of(thisYear, nextYear));
    }

    @Provide
    Arbitrary<String> ladder() {
        return Arbitraries.of(YearGroups.LADDER);
    }

    @Provide
    Arbitrary<String> exception() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of(YearGroups.LADDER));
    }

    /** School days of 2024-25 up to the July closure, so the pupil is on roll on both closure dates. */
    @Provide
    Arbitrary<LocalDate> startingDays() {
        return Arbitraries.integers().between(0, 313).map(n -> LocalDate.of(2024, 9, 4).plusDays(n))
                .filter(day -> day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY);
    }

    @Provide
    Arbitrary<LocalDate> periodStarts() {
        return Arbitraries.integers().between(0, 420).map(n -> LocalDate.of(2024, 9, 1).plusDays(n));
    }
}
