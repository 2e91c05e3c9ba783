package org.attendanceledger.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.attendanceledger.calendar.ReferenceCalendar.YEAR_2024_25;
import static org.attendanceledger.calendar.ReferenceCalendar.exampleSchool2024To25;
import static org.attendanceledger.calendar.ReferenceCalendar.exampleSchool2025To26;
import static org.attendanceledger.calendar.ReferenceCalendar.exampleSchoolTimeline;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchoolTimelineTest {

    private final SchoolTimeline timeline = exampleSchoolTimeline();

    @ParameterizedTest(name = "SW{0} is the week commencing {1}")
    @CsvSource({
            "1,  2024-09-02",
            "5,  2024-09-30",
            "9,  2024-11-04",
            "12, 2024-11-25",
            "16, 2025-01-06",
            "22, 2025-02-24",
            "24, 2025-03-10",
            "28, 2025-04-21",
            "33, 2025-06-02",
            "40, 2025-07-21",
            "41, 2025-09-01",
            "42, 2025-09-08",
            "48, 2025-10-20"})
    void school_weeks_are_numbered_as_in_the_reference_calendar(int schoolWeekNumber, LocalDate weekCommencing) {
        int index = schoolWeekNumber - 1; // the rules number weeks from 1, the API from 0

        assertThat(timeline.schoolWeeks().get(index)).isEqualTo(weekCommencing);
        assertThat(timeline.schoolWeekIndex(weekCommencing)).hasValue(index);
        assertThat(timeline.schoolWeekIndex(weekCommencing.plusDays(6))).as("the Sunday ends the same week").hasValue(index);
    }

    @Test
    void the_published_calendars_hold_48_school_weeks() {
        assertThat(timeline.schoolWeeks()).hasSize(48).isSorted();
    }

    @Test
    void the_october_half_term_week_is_not_a_school_week() {
        assertThat(timeline.schoolWeekIndex(LocalDate.of(2024, 10, 28))).isEmpty();
        assertThat(timeline.schoolWeeks()).doesNotContain(LocalDate.of(2024, 10, 28));
    }

    @Test
    void a_week_whose_only_sessions_are_closed_to_one_year_group_is_still_a_school_week() {
        LocalDate onlyDay = LocalDate.of(2024, 9, 4);
        SchoolCalendar oneDayOfTerm = new SchoolCalendar(YEAR_2024_25,
                List.of(new Term(onlyDay, onlyDay)),
                List.of(new Closure(onlyDay, SessionScope.BOTH, "Staggered start", Set.of("7"))));

        SchoolTimeline staggered = new SchoolTimeline(List.of(oneDayOfTerm));

        assertThat(staggered.schoolWeekIndex(onlyDay)).hasValue(0);
        assertThat(staggered.isSchoolDay(onlyDay)).isTrue();
        assertThat(staggered.isPupilSession(onlyDay, Session.AM, "7")).isFalse();
        assertThat(staggered.isPupilSession(onlyDay, Session.AM, "8")).isTrue();
    }

    @Test
    void a_whole_school_closure_of_every_session_in_a_week_removes_the_school_week() {
        LocalDate onlyDay = LocalDate.of(2024, 9, 4);
        SchoolCalendar closedThroughout = new SchoolCalendar(YEAR_2024_25,
                List.of(new Term(onlyDay, onlyDay)),
                List.of(new Closure(onlyDay, SessionScope.BOTH, "INSET")));

        assertThat(new SchoolTimeline(List.of(closedThroughout)).schoolWeeks()).isEmpty();
    }

    @ParameterizedTest(name = "N on {0} is due on {1}")
    @CsvSource({
            "2025-02-14, 2025-03-03",
            "2025-02-10, 2025-02-25",
            "2025-03-03, 2025-03-10"})
    void an_n_mark_is_due_on_the_fifth_school_day_after_its_session(LocalDate session, LocalDate deadline) {
        assertThat(timeline.nthSchoolDayAfter(session, 5)).contains(deadline);
    }

    @Test
    void n_on_friday_before_half_term_is_due_on_the_fifth_school_day_after_not_the_fifth_weekday() {
        LocalDate fridayBeforeHalfTerm = LocalDate.of(2025, 2, 14);

        LocalDate fifthWeekdayInHalfTerm = LocalDate.of(2025, 2, 21);

        assertThat(timeline.nthSchoolDayAfter(fridayBeforeHalfTerm, 5)).contains(LocalDate.of(2025, 3, 3));
        assertThat(timeline.isSchoolDay(fifthWeekdayInHalfTerm)).isFalse();
    }

    @Test
    void counting_after_a_non_school_day_starts_at_the_next_school_day() {
        LocalDate insetMonday = LocalDate.of(2025, 2, 24);

        assertThat(timeline.nthSchoolDayAfter(insetMonday, 1)).contains(LocalDate.of(2025, 2, 25));
    }

    @Test
    void tenth_and_twentieth_school_days_of_absence_from_3_march_are_14_and_28_march() {
        LocalDate firstDayAbsent = LocalDate.of(2025, 3, 3);

        assertThat(timeline.nthSchoolDayFrom(firstDayAbsent, 10)).contains(LocalDate.of(2025, 3, 14));
        assertThat(timeline.nthSchoolDayFrom(firstDayAbsent, 20)).contains(LocalDate.of(2025, 3, 28));
    }

    @Test
    void twentieth_school_day_from_13_march_skips_the_easter_holiday_to_24_april() {
        assertThat(timeline.nthSchoolDayFrom(LocalDate.of(2025, 3, 13), 20)).contains(LocalDate.of(2025, 4, 24));
    }

    @Test
    void thursday_and_friday_before_half_term_and_the_tuesday_after_the_inset_day_are_consecutive_school_days() {
        LocalDate thursday = LocalDate.of(2025, 2, 13);
        LocalDate friday = LocalDate.of(2025, 2, 14);
        LocalDate tuesdayAfterInset = LocalDate.of(2025, 2, 25);

        assertThat(timeline.nthSchoolDayAfter(thursday, 1)).contains(friday);
        assertThat(timeline.nthSchoolDayAfter(friday, 1)).contains(tuesdayAfterInset);
        int thursdayIndex = timeline.schoolDayIndex(thursday).orElseThrow();
        assertThat(timeline.schoolDayIndex(tuesdayAfterInset)).hasValue(thursdayIndex + 2);
    }

    @Test
    void counting_runs_across_the_summer_holiday_into_the_next_school_year() {
        assertThat(timeline.nthSchoolDayAfter(LocalDate.of(2025, 7, 22), 1)).contains(LocalDate.of(2025, 9, 3));
    }

    @Test
    void a_day_beyond_the_published_calendars_is_not_yet_known() {
        assertThat(timeline.nthSchoolDayAfter(LocalDate.of(2025, 10, 20), 5)).isEmpty();
        assertThat(timeline.nthSchoolDayAfter(LocalDate.of(2025, 10, 20), 4)).contains(LocalDate.of(2025, 10, 24));
    }

    @Test
    void counting_zero_school_days_is_rejected() {
        assertThatThrownBy(() -> timeline.nthSchoolDayAfter(LocalDate.of(2025, 2, 14), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inset_days_bank_holidays_and_weekends_are_not_school_days() {
        assertThat(timeline.isSchoolDay(LocalDate.of(2025, 1, 6))).as("INSET").isFalse();
        assertThat(timeline.isSchoolDay(LocalDate.of(2025, 5, 5))).as("bank holiday").isFalse();
        assertThat(timeline.isSchoolDay(LocalDate.of(2025, 1, 11))).as("Saturday").isFalse();
        assertThat(timeline.isSchoolDay(LocalDate.of(2025, 1, 7))).isTrue();
        assertThat(timeline.schoolDayIndex(LocalDate.of(2025, 1, 6))).isEmpty();
    }

    @Test
    void the_timeline_holds_190_school_days_in_2024_25_and_38_in_the_published_part_of_2025_26() {
        assertThat(timeline.schoolDays()).hasSize(190 + 38).isSorted();
    }

    @Test
    void sessions_are_answered_by_the_calendar_of_their_academic_year() {
        assertThat(timeline.isSchoolSession(LocalDate.of(2025, 9, 3), Session.AM)).isTrue();
        assertThat(timeline.isSchoolSession(LocalDate.of(2026, 1, 6), Session.AM)).as("unpublished year").isFalse();
        assertThat(timeline.calendarFor(ReferenceCalendar.YEAR_2025_26)).contains(exampleSchool2025To26());
    }

    @Test
    void calendars_may_be_given_in_any_order() {
        SchoolTimeline reversed = new SchoolTimeline(List.of(exampleSchool2025To26(), exampleSchool2024To25()));

        assertThat(reversed.schoolWeeks()).isEqualTo(timeline.schoolWeeks());
        assertThat(reversed.calendars()).extracting(SchoolCalendar::academicYear)
                .containsExactly(ReferenceCalendar.YEAR_2024_25, ReferenceCalendar.YEAR_2025_26);
    }

    @Test
    void two_calendars_for_the_same_academic_year_are_rejected() {
        assertThatThrownBy(() -> new SchoolTimeline(List.of(exampleSchool2024To25(), exampleSchool2024To25())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2024-25");
    }

    @ParameterizedTest(name = "census window {0} to {1} holds {2} sessions")
    @CsvSource({
            "2024-08-01, 2024-12-31, 146",
            "2025-01-01, 2025-04-20, 116",
            "2025-04-21, 2025-05-25, 46",
            "2025-05-26, 2025-07-31, 72",
            "2024-09-01, 2025-08-31, 380"})
    void the_census_windows_of_2024_25_hold_146_116_46_and_72_sessions(LocalDate from, LocalDate to, int sessions) {
        assertThat(timeline.countPupilSessions(from, to, null)).isEqualTo(sessions);
        assertThat(timeline.schoolSessions(from, to)).hasSize(sessions).isSorted();
    }

    @Test
    void counting_pupil_sessions_runs_across_the_summer_into_the_next_school_year() {
        LocalDate lastWeekOfSummerTerm = LocalDate.of(2025, 7, 21);
        LocalDate endOfFirstWeekBack = LocalDate.of(2025, 9, 5);

        assertThat(timeline.countPupilSessions(lastWeekOfSummerTerm, endOfFirstWeekBack, null)).isEqualTo(4 + 6);
        assertThat(timeline.schoolSessions(lastWeekOfSummerTerm, endOfFirstWeekBack))
                .first().isEqualTo(new SessionSlot(lastWeekOfSummerTerm, Session.AM));
    }

    @Test
    void the_first_school_session_of_a_period_skips_holidays_and_closures() {
        assertThat(timeline.firstSchoolSession(LocalDate.of(2025, 2, 15), LocalDate.of(2025, 3, 31)))
                .contains(new SessionSlot(LocalDate.of(2025, 2, 25), Session.AM));
        assertThat(timeline.firstSchoolSession(LocalDate.of(2025, 7, 23), LocalDate.of(2025, 12, 31)))
                .contains(new SessionSlot(LocalDate.of(2025, 9, 3), Session.AM));
        assertThat(timeline.firstSchoolSession(LocalDate.of(2025, 7, 23), LocalDate.of(2025, 8, 31))).isEmpty();
        assertThat(timeline.firstSchoolSession(LocalDate.of(2025, 10, 25), LocalDate.of(2026, 8, 31))).isEmpty();
    }

    @Test
    void a_partial_closure_takes_sessions_from_its_year_group_only() {
        Closure staggeredStart = new Closure(LocalDate.of(2024, 9, 4), SessionScope.BOTH, "Staggered start",
                Set.of("7"));
        SchoolTimeline staggered = new SchoolTimeline(List.of(exampleSchool2024To25(List.of(staggeredStart))));

        assertThat(staggered.countPupilSessions(YEAR_2024_25.firstDay(), YEAR_2024_25.lastDay(), "7")).isEqualTo(378);
        assertThat(staggered.countPupilSessions(YEAR_2024_25.firstDay(), YEAR_2024_25.lastDay(), "8")).isEqualTo(380);
        assertThat(staggered.schoolSessions(YEAR_2024_25.firstDay(), YEAR_2024_25.lastDay())).hasSize(380);
    }

    @Test
    void weeks_start_on_monday() {
        assertThat(SchoolTimeline.weekStart(LocalDate.of(2024, 9, 8))).as("Sunday").isEqualTo(LocalDate.of(2024, 9, 2));
        assertThat(SchoolTimeline.weekStart(LocalDate.of(2024, 9, 2))).as("Monday").isEqualTo(LocalDate.of(2024, 9, 2));
    }
}
