package org.attendanceledger.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.attendanceledger.calendar.ReferenceCalendar.YEAR_2024_25;
import static org.attendanceledger.calendar.ReferenceCalendar.exampleSchool2024To25;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchoolCalendarTest {

    private final SchoolCalendar calendar = exampleSchool2024To25();

    @Test
    void the_reference_year_has_380_pupil_sessions() {
        assertThat(calendar.schoolSessions()).hasSize(380);
        assertThat(calendar.countPupilSessions(YEAR_2024_25.firstDay(), YEAR_2024_25.lastDay(), null)).isEqualTo(380);
    }

    @ParameterizedTest(name = "{0} window {1}..{2} has {3} sessions")
    @CsvSource({
            "autumn,              2024-08-01, 2024-12-31, 146",
            "spring,              2025-01-01, 2025-04-20, 116",
            "summer first half,   2025-04-21, 2025-05-25, 46",
            "summer second half,  2025-05-26, 2025-07-31, 72"})
    void census_windows_hold_the_session_counts_of_the_reference_calendar(
            String window, LocalDate from, LocalDate to, int expectedSessions) {
        assertThat(calendar.countPupilSessions(from, to, null)).isEqualTo(expectedSessions);
    }

    @Test
    void school_sessions_are_in_chronological_order_with_am_before_pm() {
        assertThat(calendar.schoolSessions()).isSorted();
        assertThat(calendar.schoolSessions().subList(0, 2)).containsExactly(
                new SessionSlot(LocalDate.of(2024, 9, 4), Session.AM),
                new SessionSlot(LocalDate.of(2024, 9, 4), Session.PM));
    }

    @Test
    void an_inset_day_is_a_term_weekday_without_school_sessions() {
        LocalDate inset = LocalDate.of(2025, 2, 24);

        assertThat(calendar.isTermWeekday(inset)).isTrue();
        assertThat(calendar.isSchoolSession(inset, Session.AM)).isFalse();
        assertThat(calendar.isPupilSession(inset, Session.PM, "7")).isFalse();
    }

    @Test
    void weekends_and_half_term_are_not_term_weekdays() {
        assertThat(calendar.isTermWeekday(LocalDate.of(2024, 9, 7))).as("Saturday in term").isFalse();
        assertThat(calendar.isTermWeekday(LocalDate.of(2024, 10, 30))).as("half term").isFalse();
        assertThat(calendar.isSchoolSession(LocalDate.of(2024, 10, 30), Session.AM)).isFalse();
    }

    @Test
    void a_partial_closure_removes_the_sessions_for_that_year_group_only() {
        LocalDate staggeredStart = LocalDate.of(2024, 9, 4);
        SchoolCalendar withStaggeredStart = exampleSchool2024To25(List.of(
                new Closure(staggeredStart, SessionScope.BOTH, "Staggered start", Set.of("7"))));

        assertThat(withStaggeredStart.isPupilSession(staggeredStart, Session.AM, "7")).isFalse();
        assertThat(withStaggeredStart.isPupilSession(staggeredStart, Session.PM, "7")).isFalse();
        assertThat(withStaggeredStart.isPupilSession(staggeredStart, Session.AM, "8")).isTrue();
        assertThat(withStaggeredStart.isSchoolSession(staggeredStart, Session.AM)).isTrue();
        assertThat(withStaggeredStart.countPupilSessions(YEAR_2024_25.firstDay(), YEAR_2024_25.lastDay(), "7")).isEqualTo(378);
        assertThat(withStaggeredStart.countPupilSessions(YEAR_2024_25.firstDay(), YEAR_2024_25.lastDay(), "8")).isEqualTo(380);
    }

    @Test
    void a_pupil_of_unknown_year_group_is_affected_only_by_whole_school_closures() {
        LocalDate staggeredStart = LocalDate.of(2024, 9, 4);
        SchoolCalendar withStaggeredStart = exampleSchool2024To25(List.of(
                new Closure(staggeredStart, SessionScope.BOTH, "Staggered start", Set.of("7"))));

        assertThat(withStaggeredStart.isPupilSession(staggeredStart, Session.AM, null)).isTrue();
        assertThat(withStaggeredStart.isPupilSession(LocalDate.of(2025, 1, 6), Session.AM, null)).isFalse();
    }

    @Test
    void a_closure_of_one_session_leaves_the_other_session_of_the_day() {
        LocalDate pollingDay = LocalDate.of(2025, 5, 1);
        SchoolCalendar withPollingDay = exampleSchool2024To25(List.of(new Closure(pollingDay, SessionScope.PM, "Polling station")));

        assertThat(withPollingDay.isSchoolSession(pollingDay, Session.AM)).isTrue();
        assertThat(withPollingDay.isSchoolSession(pollingDay, Session.PM)).isFalse();
        assertThat(withPollingDay.schoolSessions()).hasSize(379);
    }

    @Test
    void counting_an_empty_or_reversed_range_gives_zero() {
        assertThat(calendar.countPupilSessions(LocalDate.of(2024, 10, 28), LocalDate.of(2024, 11, 3), null)).isZero();
        assertThat(calendar.countPupilSessions(LocalDate.of(2024, 9, 6), LocalDate.of(2024, 9, 4), null)).isZero();
    }

    @Test
    void a_single_day_counts_both_its_sessions() {
        LocalDate day = LocalDate.of(2024, 9, 4);

        assertThat(calendar.countPupilSessions(day, day, "7")).isEqualTo(2);
    }

    @Test
    void terms_are_kept_in_date_order_whatever_order_they_are_given_in() {
        Term autumn = new Term(LocalDate.of(2024, 9, 4), LocalDate.of(2024, 10, 25));
        Term spring = new Term(LocalDate.of(2025, 1, 6), LocalDate.of(2025, 2, 14));

        SchoolCalendar unordered = new SchoolCalendar(YEAR_2024_25, List.of(spring, autumn), List.of());

        assertThat(unordered.terms()).containsExactly(autumn, spring);
    }

    @Test
    void a_term_ending_before_it_starts_is_rejected() {
        assertThatThrownBy(() -> new Term(LocalDate.of(2024, 10, 25), LocalDate.of(2024, 9, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before it starts");
    }

    @Test
    void a_one_day_term_is_allowed() {
        LocalDate day = LocalDate.of(2024, 9, 4);

        assertThat(new Term(day, day).contains(day)).isTrue();
    }

    @Test
    void overlapping_terms_are_rejected() {
        List<Term> overlapping = List.of(
                new Term(LocalDate.of(2024, 9, 4), LocalDate.of(2024, 10, 25)),
                new Term(LocalDate.of(2024, 10, 25), LocalDate.of(2024, 12, 20)));

        assertThatThrownBy(() -> new SchoolCalendar(YEAR_2024_25, overlapping, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
    }

    @Test
    void a_term_outside_the_academic_year_is_rejected() {
        List<Term> summerOfTheNextYear = List.of(new Term(LocalDate.of(2025, 9, 3), LocalDate.of(2025, 10, 24)));

        assertThatThrownBy(() -> new SchoolCalendar(YEAR_2024_25, summerOfTheNextYear, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside academic year 2024-25");
    }

    @Test
    void a_closure_outside_the_academic_year_is_rejected() {
        List<Closure> closures = List.of(new Closure(LocalDate.of(2025, 9, 3), SessionScope.BOTH, "INSET"));

        assertThatThrownBy(() -> new SchoolCalendar(YEAR_2024_25, List.of(), closures))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside academic year");
    }

    @Test
    void a_closure_without_year_groups_closes_the_whole_school() {
        Closure inset = new Closure(LocalDate.of(2025, 1, 6), SessionScope.BOTH, "INSET");

        assertThat(inset.isWholeSchool()).isTrue();
        assertThat(inset.yearGroups()).isEmpty();
        assertThat(new Closure(LocalDate.of(2025, 1, 6), SessionScope.BOTH, "INSET", null).isWholeSchool()).isTrue();
    }

    @Test
    void calendars_with_the_same_terms_and_closures_are_equal() {
        assertThat(exampleSchool2024To25()).isEqualTo(calendar).hasSameHashCodeAs(calendar);
    }
}
