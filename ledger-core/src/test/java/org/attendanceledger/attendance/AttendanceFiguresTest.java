package org.attendanceledger.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.attendance.Marks.allDay;
import static org.attendanceledger.attendance.Marks.concat;
import static org.attendanceledger.attendance.Marks.every;
import static org.attendanceledger.attendance.Marks.mark;
import static org.attendanceledger.calendar.ReferenceCalendar.YEAR_2024_25;
import static org.attendanceledger.calendar.ReferenceCalendar.exampleSchool2024To25;
import static org.attendanceledger.calendar.ReferenceCalendar.exampleSchoolTimeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.SchoolCalendar;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionScope;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.calendar.Term;
import org.junit.jupiter.api.Test;

class AttendanceFiguresTest {

    private static final LocalDate YEAR_START = YEAR_2024_25.firstDay();
    private static final LocalDate YEAR_END = YEAR_2024_25.lastDay();
    private static final RollStay WHOLE_YEAR = new RollStay(LocalDate.of(2024, 9, 4), null, null);

    private final PupilSchedule onRollAllYear = new PupilSchedule(exampleSchoolTimeline(), List.of(WHOLE_YEAR));

    @Test
    void a_pupil_on_roll_all_year_with_no_marks_has_380_scheduled_sessions_all_unmarked_and_none_possible() {
        AttendanceFigures figures = AttendanceFigures.tally(onRollAllYear, List.of(), YEAR_START, YEAR_END);

        assertThat(figures.scheduledSessions()).isEqualTo(380);
        assertThat(figures.possibleSessions()).isZero();
        assertThat(figures.unmarkedSessions()).isEqualTo(380);
        assertThat(figures.overallAbsenceSessions()).isZero();
        assertThat(figures.persistentAbsence()).isFalse();
    }

    @Test
    void tc18_thirty_eight_absences_in_380_sessions_is_persistent_absence_and_thirty_seven_is_not() {
        List<SessionMark> thirtyEight = fullYearWithAbsences(30, "I", 8, "O");
        List<SessionMark> thirtySeven = fullYearWithAbsences(30, "I", 7, "O");

        AttendanceFigures atTenPercent = AttendanceFigures.tally(onRollAllYear, thirtyEight, YEAR_START, YEAR_END);
        AttendanceFigures below = AttendanceFigures.tally(onRollAllYear, thirtySeven, YEAR_START, YEAR_END);

        assertThat(atTenPercent.possibleSessions()).isEqualTo(380);
        assertThat(atTenPercent.overallAbsenceSessions()).isEqualTo(38);
        assertThat(atTenPercent.authorisedAbsenceSessions()).isEqualTo(30);
        assertThat(atTenPercent.unauthorisedAbsenceSessions()).isEqualTo(8);
        assertThat(atTenPercent.attendedSessions()).isEqualTo(342);
        assertThat(atTenPercent.unmarkedSessions()).isZero();
        assertThat(atTenPercent.persistentAbsence()).isTrue();
        assertThat(atTenPercent.attendancePercent()).isEqualByComparingTo("90.00");
        assertThat(below.persistentAbsence()).isFalse();
        assertThat(below.absencePercent()).isEqualByComparingTo("9.74");
    }

    @Test
    void tc20_half_of_possible_sessions_is_severe_absence_and_one_fewer_is_persistent_only() {
        AttendanceFigures half = AttendanceFigures.tally(onRollAllYear, fullYearWithAbsences(190, "I", 0, "O"),
                YEAR_START, YEAR_END);
        AttendanceFigures justUnder = AttendanceFigures.tally(onRollAllYear, fullYearWithAbsences(189, "I", 0, "O"),
                YEAR_START, YEAR_END);

        assertThat(half.severeAbsence()).isTrue();
        assertThat(half.persistentAbsence()).isTrue();
        assertThat(justUnder.severeAbsence()).isFalse();
        assertThat(justUnder.persistentAbsence()).isTrue();
        assertThat(justUnder.absencePercent()).isEqualByComparingTo("49.74");
    }

    @Test
    void tc22_x_marks_are_not_possible_sessions_so_fourteen_absences_in_136_is_persistent() {
        List<SessionMark> tenAfternoonsNotRequired = every(Session.PM, "X", "2024-09-04", "2024-09-05", "2024-09-06",
                "2024-09-09", "2024-09-10", "2024-09-11", "2024-09-12", "2024-09-13", "2024-09-16", "2024-09-17");
        List<SessionMark> fourteenAbsences = allDay("I", "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04",
                "2024-11-05", "2024-11-06", "2024-11-07");
        LocalDate autumnEnd = LocalDate.of(2024, 12, 31);

        AttendanceFigures autumn = AttendanceFigures.tally(onRollAllYear,
                presentOtherwise(concat(tenAfternoonsNotRequired, fourteenAbsences), autumnEnd), YEAR_START, autumnEnd);

        assertThat(autumn.scheduledSessions()).isEqualTo(146);
        assertThat(autumn.notPossibleSessions()).isEqualTo(10);
        assertThat(autumn.possibleSessions()).isEqualTo(136);
        assertThat(autumn.overallAbsenceSessions()).isEqualTo(14);
        assertThat(autumn.absencePercent()).isEqualByComparingTo("10.29");
        assertThat(autumn.persistentAbsence()).isTrue();
        assertThat(autumn.byCode()).containsEntry("X", 10).containsEntry("I", 14);
    }

    /** A complete register: the given marks, and present on every other scheduled session up to the date. */
    private List<SessionMark> presentOtherwise(List<SessionMark> marks, LocalDate to) {
        java.util.Set<org.attendanceledger.calendar.SessionSlot> given = new java.util.HashSet<>();
        marks.forEach(mark -> given.add(mark.slot()));
        List<SessionMark> complete = new java.util.ArrayList<>(marks);
        onRollAllYear.scheduledSessions(YEAR_START, to).stream().filter(slot -> !given.contains(slot))
                .forEach(slot -> complete.add(new SessionMark(slot.date(), slot.session(), "/")));
        return complete;
    }

    @Test
    void tc37_one_missed_session_in_the_first_week_is_persistent_absence_by_the_official_definition() {
        List<SessionMark> firstWeek = concat(List.of(mark("2024-09-04", Session.AM, "I"),
                        mark("2024-09-04", Session.PM, "\\")),
                allDay("/", "2024-09-05", "2024-09-06"));

        AttendanceFigures toFriday = AttendanceFigures.tally(onRollAllYear, firstWeek, YEAR_START,
                LocalDate.of(2024, 9, 6));

        assertThat(toFriday.possibleSessions()).isEqualTo(6);
        assertThat(toFriday.overallAbsenceSessions()).isEqualTo(1);
        assertThat(toFriday.absencePercent()).isEqualByComparingTo("16.67");
        assertThat(toFriday.persistentAbsence()).isTrue();
        assertThat(toFriday.severeAbsence()).isFalse();
    }

    @Test
    void a_joiner_is_counted_from_the_starting_day_and_a_leaver_up_to_the_last_day_on_roll() {
        PupilSchedule joiner = new PupilSchedule(exampleSchoolTimeline(),
                List.of(new RollStay(LocalDate.of(2025, 1, 7), null, null)));
        PupilSchedule leaver = new PupilSchedule(exampleSchoolTimeline(),
                List.of(new RollStay(LocalDate.of(2024, 9, 4), LocalDate.of(2024, 12, 20), null)));

        assertThat(AttendanceFigures.tally(joiner, List.of(), YEAR_START, YEAR_END).scheduledSessions())
                .isEqualTo(380 - 146);
        assertThat(AttendanceFigures.tally(leaver, List.of(), YEAR_START, YEAR_END).scheduledSessions())
                .isEqualTo(146);
    }

    @Test
    void a_pupil_who_left_and_came_back_is_counted_over_both_stays_only() {
        PupilSchedule twoStays = new PupilSchedule(exampleSchoolTimeline(), List.of(
                new RollStay(LocalDate.of(2024, 9, 4), LocalDate.of(2024, 12, 20), null),
                new RollStay(LocalDate.of(2025, 4, 22), null, null)));

        assertThat(AttendanceFigures.tally(twoStays, List.of(), YEAR_START, YEAR_END).scheduledSessions())
                .isEqualTo(146 + 46 + 72);
    }

    @Test
    void a_partial_closure_removes_sessions_for_its_year_group_only() {
        Closure yearSevenStartsLater = new Closure(LocalDate.of(2024, 9, 4), SessionScope.BOTH, "Staggered start",
                Set.of("7"));
        SchoolTimeline staggered = new SchoolTimeline(List.of(exampleSchool2024To25(List.of(yearSevenStartsLater))));
        PupilSchedule yearSeven = new PupilSchedule(staggered, List.of(new RollStay(YEAR_START, null, "7")));
        PupilSchedule yearEight = new PupilSchedule(staggered, List.of(new RollStay(YEAR_START, null, "8")));

        assertThat(AttendanceFigures.tally(yearSeven, List.of(), YEAR_START, YEAR_END).scheduledSessions())
                .isEqualTo(378);
        assertThat(AttendanceFigures.tally(yearEight, List.of(), YEAR_START, YEAR_END).scheduledSessions())
                .isEqualTo(380);
    }

    @Test
    void marks_on_sessions_the_calendar_no_longer_has_count_towards_nothing() {
        // The school first published 4 Oct as a school day, marked it, then closed it by an amended calendar.
        Closure closedAfterAll = new Closure(LocalDate.of(2024, 10, 4), SessionScope.BOTH, "Boiler failure");
        PupilSchedule amended = new PupilSchedule(
                new SchoolTimeline(List.of(exampleSchool2024To25(List.of(closedAfterAll)))), List.of(WHOLE_YEAR));

        AttendanceFigures figures = AttendanceFigures.tally(amended, allDay("O", "2024-10-04"), YEAR_START, YEAR_END);

        assertThat(figures.scheduledSessions()).isEqualTo(378);
        assertThat(figures.possibleSessions()).isZero();
        assertThat(figures.overallAbsenceSessions()).isZero();
        assertThat(figures.byCode()).isEmpty();
    }

    @Test
    void a_planned_closure_mark_on_an_inset_day_adds_nothing() {
        AttendanceFigures figures = AttendanceFigures.tally(onRollAllYear, allDay("#", "2025-02-24"),
                YEAR_START, YEAR_END);

        assertThat(figures.scheduledSessions()).isEqualTo(380);
        assertThat(figures.possibleSessions()).isZero();
        assertThat(figures.notPossibleSessions()).isZero();
    }

    @Test
    void marks_outside_the_period_are_not_counted() {
        AttendanceFigures october = AttendanceFigures.tally(onRollAllYear, allDay("O", "2024-09-30", "2024-10-01"),
                LocalDate.of(2024, 10, 1), LocalDate.of(2024, 10, 31));

        assertThat(october.unauthorisedAbsenceSessions()).isEqualTo(2);
        assertThat(october.scheduledSessions()).isEqualTo(38);
        assertThat(october.possibleSessions()).isEqualTo(2);
        assertThat(october.unmarkedSessions()).isEqualTo(36);
    }

    @Test
    void an_interview_before_19_august_2024_counts_as_attendance_and_after_it_j1_is_authorised_absence() {
        AcademicYear year2023 = AcademicYear.parse("2023-24");
        SchoolCalendar summer2024 = new SchoolCalendar(year2023,
                List.of(new Term(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 19))), List.of());
        SchoolTimeline timeline = new SchoolTimeline(List.of(summer2024, exampleSchool2024To25()));
        PupilSchedule pupil = new PupilSchedule(timeline, List.of(new RollStay(LocalDate.of(2024, 7, 1), null, null)));

        AttendanceFigures figures = AttendanceFigures.tally(pupil,
                concat(allDay("J", "2024-07-15"), allDay("J1", "2024-09-16")),
                LocalDate.of(2024, 7, 1), LocalDate.of(2024, 9, 30));

        assertThat(figures.approvedEducationalActivitySessions()).isEqualTo(2);
        assertThat(figures.authorisedAbsenceSessions()).isEqualTo(2);
        assertThat(figures.attendedSessions()).isEqualTo(2);
    }

    @Test
    void with_no_possible_sessions_there_is_no_percentage_and_no_flag() {
        AttendanceFigures onlyX = AttendanceFigures.tally(onRollAllYear, allDay("X", "2024-09-04"),
                LocalDate.of(2024, 9, 4), LocalDate.of(2024, 9, 4));

        assertThat(onlyX.possibleSessions()).isZero();
        assertThat(onlyX.absencePercent()).isNull();
        assertThat(onlyX.persistentAbsence()).isFalse();
        assertThat(onlyX.severeAbsence()).isFalse();
    }

    /** Every 2024-25 session marked: the first absences with one code, the next with another, present elsewhere. */
    static List<SessionMark> fullYearWithAbsences(int firstCount, String firstCode, int secondCount,
                                                  String secondCode) {
        List<SessionMark> marks = new ArrayList<>();
        int index = 0;
        for (SessionSlot slot : exampleSchool2024To25().schoolSessions()) {
            String code;
            if (index < firstCount) {
                code = firstCode;
            } else if (index < firstCount + secondCount) {
                code = secondCode;
            } else {
                code = slot.session() == Session.AM ? "/" : "\\";
            }
            marks.add(new SessionMark(slot.date(), slot.session(), code));
            index++;
        }
        return marks;
    }
}
