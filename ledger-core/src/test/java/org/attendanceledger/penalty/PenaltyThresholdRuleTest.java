package org.attendanceledger.penalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.attendance.Marks.allDay;
import static org.attendanceledger.attendance.Marks.concat;
import static org.attendanceledger.attendance.Marks.every;
import static org.attendanceledger.attendance.Marks.mark;
import static org.attendanceledger.calendar.ReferenceCalendar.exampleSchool2024To25;
import static org.attendanceledger.calendar.ReferenceCalendar.exampleSchoolTimeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.attendance.RollStay;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.SchoolCalendar;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.calendar.Term;
import org.junit.jupiter.api.Test;

class PenaltyThresholdRuleTest {

    private static final LocalDate FROM = LocalDate.of(2024, 9, 1);
    private static final LocalDate TO = LocalDate.of(2025, 10, 24);

    private final PenaltyThresholdRule national = PenaltyThresholdRule.national();
    private final PupilSchedule pupil = new PupilSchedule(exampleSchoolTimeline(),
            List.of(new RollStay(LocalDate.of(2024, 9, 4), null, null)));

    @Test
    void tc01_four_holiday_sessions_and_six_late_sessions_eight_school_weeks_apart_meet_the_threshold() {
        List<SessionMark> marks = concat(allDay("G", "2024-10-03", "2024-10-04"),
                allDay("U", "2024-11-25", "2024-11-26", "2024-11-27"));

        ThresholdAssessment assessment = national.assess(pupil, marks, FROM, TO);

        assertThat(assessment.met()).isTrue();
        assertThat(assessment.firstMetAt()).isEqualTo(slot("2024-11-27", Session.PM));
        assertThat(assessment.window()).isEqualTo(window("2024-09-16", "2024-11-25"));
        assertThat(assessment.sessions()).containsExactlyElementsOf(marks);
        assertThat(assessment.maxCountInAnyWindow()).isEqualTo(10);
    }

    @Test
    void tc05_the_window_runs_across_the_summer_holiday_into_the_next_school_year() {
        List<SessionMark> marks = concat(every(Session.AM, "U", "2025-07-14", "2025-07-15", "2025-07-16"),
                List.of(mark("2025-07-22", Session.PM, "O")),
                allDay("O", "2025-09-10", "2025-09-11", "2025-09-12"));

        ThresholdAssessment assessment = national.assess(pupil, marks, FROM, TO);

        assertThat(assessment.firstMetAt()).isEqualTo(slot("2025-09-12", Session.PM));
        assertThat(assessment.window()).isEqualTo(window("2025-06-02", "2025-09-08"));
        assertThat(assessment.sessions()).hasSize(10);
    }

    @Test
    void tc08_mixed_unauthorised_codes_meet_the_threshold_and_illness_and_lateness_add_nothing() {
        ThresholdAssessment assessment = national.assess(pupil, tc08Marks("N", "U"), FROM, TO);

        assertThat(assessment.firstMetAt()).isEqualTo(slot("2025-02-28", Session.AM));
        assertThat(assessment.window()).isEqualTo(window("2024-12-02", "2025-02-24"));
        assertThat(assessment.sessions()).extracting(SessionMark::code)
                .containsExactly("G", "G", "G", "N", "N", "O", "O", "O", "U", "U");
    }

    @Test
    void tc08_an_n_resolved_to_o_keeps_the_breach_and_resolved_to_i_removes_it() {
        ThresholdAssessment resolvedToO = national.assess(pupil, tc08Marks("O", "U"), FROM, TO);
        ThresholdAssessment resolvedToI = national.assess(pupil, tc08Marks("I", "U"), FROM, TO);

        assertThat(resolvedToO.met()).isTrue();
        assertThat(resolvedToO.sessions()).hasSize(10);
        assertThat(resolvedToI.met()).isFalse();
        assertThat(resolvedToI.maxCountInAnyWindow()).isEqualTo(8);
        assertThat(resolvedToI.firstMetAt()).isNull();
        assertThat(resolvedToI.sessions()).isEmpty();
    }

    @Test
    void tc09_a_late_arrival_before_the_register_closed_is_not_absence() {
        ThresholdAssessment assessment = national.assess(pupil, tc08Marks("N", "L"), FROM, TO);

        assertThat(assessment.met()).isFalse();
        assertThat(assessment.maxCountInAnyWindow()).isEqualTo(9);
    }

    @Test
    void tc40_suspension_adds_nothing_but_unattended_alternative_provision_meets_the_threshold() {
        List<SessionMark> marks = concat(
                allDay("E", "2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13", "2025-03-14"),
                allDay("O", "2025-03-17", "2025-03-18", "2025-03-19", "2025-03-20", "2025-03-21"));

        ThresholdAssessment assessment = national.assess(pupil, marks, FROM, TO);

        assertThat(assessment.firstMetAt()).isEqualTo(slot("2025-03-21", Session.PM));
        assertThat(assessment.sessions()).extracting(SessionMark::code).containsOnly("O");
    }

    @Test
    void the_highest_count_is_reported_beyond_the_first_breach() {
        List<SessionMark> marks = concat(
                allDay("O", "2025-03-17", "2025-03-18", "2025-03-19", "2025-03-20", "2025-03-21"),
                allDay("G", "2025-03-24"));

        ThresholdAssessment assessment = national.assess(pupil, marks, FROM, TO);

        assertThat(assessment.firstMetAt()).isEqualTo(slot("2025-03-21", Session.PM));
        assertThat(assessment.sessions()).hasSize(10);
        assertThat(assessment.maxCountInAnyWindow()).isEqualTo(12);
    }

    @Test
    void a_window_already_full_when_the_period_starts_is_met_at_the_periods_first_session() {
        List<SessionMark> marks = allDay("O", "2025-03-17", "2025-03-18", "2025-03-19", "2025-03-20", "2025-03-21");

        ThresholdAssessment fromMonday = national.assess(pupil, marks, LocalDate.of(2025, 3, 24), TO);

        assertThat(fromMonday.firstMetAt()).isEqualTo(slot("2025-03-24", Session.AM));
        assertThat(fromMonday.window()).isEqualTo(window("2025-01-13", "2025-03-24"));
    }

    @Test
    void only_sessions_up_to_the_end_of_the_period_are_considered() {
        List<SessionMark> marks = allDay("O", "2025-03-17", "2025-03-18", "2025-03-19", "2025-03-20", "2025-03-21");

        ThresholdAssessment toThursday = national.assess(pupil, marks, FROM, LocalDate.of(2025, 3, 20));

        assertThat(toThursday.met()).isFalse();
        assertThat(toThursday.maxCountInAnyWindow()).isEqualTo(8);
    }

    @Test
    void absences_before_19_august_2024_do_not_count_unless_configured_to() {
        SchoolCalendar summer2024 = new SchoolCalendar(AcademicYear.parse("2023-24"),
                List.of(new Term(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 19))), List.of());
        PupilSchedule since2024 = new PupilSchedule(new SchoolTimeline(List.of(summer2024, exampleSchool2024To25())),
                List.of(new RollStay(LocalDate.of(2024, 7, 1), null, null)));
        List<SessionMark> marks = concat(allDay("O", "2024-07-17", "2024-07-18", "2024-07-19"),
                allDay("O", "2024-09-04", "2024-09-05"));

        ThresholdAssessment nationally = national.assess(since2024, marks, LocalDate.of(2024, 7, 1), TO);
        ThresholdAssessment fromJuly = national.countingFrom(LocalDate.of(2024, 7, 1))
                .assess(since2024, marks, LocalDate.of(2024, 7, 1), TO);

        assertThat(nationally.met()).isFalse();
        assertThat(nationally.maxCountInAnyWindow()).isEqualTo(4);
        assertThat(fromJuly.firstMetAt()).isEqualTo(slot("2024-09-05", Session.PM));
    }

    @Test
    void marks_on_sessions_outside_the_pupils_stay_do_not_count() {
        PupilSchedule leftAtChristmas = new PupilSchedule(exampleSchoolTimeline(),
                List.of(new RollStay(LocalDate.of(2024, 9, 4), LocalDate.of(2025, 3, 18), null)));
        List<SessionMark> marks = allDay("O", "2025-03-17", "2025-03-18", "2025-03-19", "2025-03-20", "2025-03-21");

        assertThat(national.assess(leftAtChristmas, marks, FROM, TO).maxCountInAnyWindow()).isEqualTo(4);
    }

    @Test
    void the_earliest_counted_date_is_the_monday_nine_school_weeks_before_the_first_week_of_the_period() {
        SchoolTimeline timeline = exampleSchoolTimeline();

        assertThat(national.earliestCountedDate(timeline, LocalDate.of(2025, 9, 1)))
                .isEqualTo(LocalDate.of(2025, 5, 19));
        assertThat(national.earliestCountedDate(timeline, LocalDate.of(2024, 9, 1)))
                .isEqualTo(LocalDate.of(2024, 9, 2));
    }

    @Test
    void looking_only_at_the_counted_marks_finds_what_visiting_every_session_of_the_period_finds() {
        Random random = new Random(7);
        List<SessionSlot> sessions = exampleSchoolTimeline().schoolSessions(FROM, TO);
        String[] codes = {"G", "N", "O", "U", "I", "/"};
        for (int pupilNumber = 0; pupilNumber < 300; pupilNumber++) {
            double share = random.nextDouble() * 0.2;
            List<SessionMark> marks = new ArrayList<>();
            for (SessionSlot slot : sessions) {
                if (random.nextDouble() < share) {
                    marks.add(new SessionMark(slot.date(), slot.session(), codes[random.nextInt(codes.length)]));
                }
            }
            LocalDate from = sessions.get(random.nextInt(sessions.size())).date().minusDays(random.nextInt(3));
            LocalDate to = from.plusDays(random.nextInt(250));

            assertThat(national.assess(pupil, marks, from, to)).as("pupil %d, %s to %s", pupilNumber, from, to)
                    .isEqualTo(visitingEverySession(marks, from, to));
        }
    }

    @Test
    void tc01_the_count_at_each_counted_mark_rises_to_ten_at_wednesday_27_november_pm() {
        List<SessionMark> marks = concat(allDay("G", "2024-10-03", "2024-10-04"), allDay("I", "2024-10-07"),
                allDay("U", "2024-11-25", "2024-11-26", "2024-11-27"));

        List<PenaltyThresholdRule.CountAtMark> counts = national.countsAtMarks(pupil, marks);

        assertThat(counts).extracting(PenaltyThresholdRule.CountAtMark::count)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(counts.get(9).mark()).isEqualTo(mark("2024-11-27", Session.PM, "U"));
    }

    @Test
    void a_pupil_meets_the_threshold_in_a_period_only_if_a_counted_mark_since_the_earliest_counted_date_reached_it() {
        Random random = new Random(11);
        List<SessionSlot> sessions = exampleSchoolTimeline().schoolSessions(FROM, TO);
        for (int pupilNumber = 0; pupilNumber < 300; pupilNumber++) {
            List<SessionMark> marks = new ArrayList<>();
            for (SessionSlot slot : sessions) {
                if (random.nextDouble() < 0.06) {
                    marks.add(new SessionMark(slot.date(), slot.session(), "O"));
                }
            }
            LocalDate from = sessions.get(random.nextInt(sessions.size())).date();
            LocalDate to = from.plusDays(random.nextInt(120));
            LocalDate earliest = national.earliestCountedDate(pupil.timeline(), from);

            boolean reachedAtAMark = national.countsAtMarks(pupil, marks).stream().anyMatch(count ->
                    count.count() >= 10 && !count.mark().date().isBefore(earliest) && !count.mark().date().isAfter(to));

            if (national.assess(pupil, marks, from, to).met()) {
                assertThat(reachedAtAMark).as("pupil %d, %s to %s", pupilNumber, from, to).isTrue();
            }
        }
    }

    /** The contract's definition taken literally: every school session of the period, one after the other. */
    private ThresholdAssessment visitingEverySession(List<SessionMark> marks, LocalDate from, LocalDate to) {
        SchoolTimeline timeline = pupil.timeline();
        List<SessionMark> counted = marks.stream().filter(mark -> national.counts(mark, pupil))
                .sorted(Comparator.comparing(SessionMark::slot)).toList();
        int highest = 0;
        SessionSlot firstMetAt = null;
        ThresholdWindow window = null;
        List<SessionMark> evidence = List.of();
        for (SessionSlot session : timeline.schoolSessions(from, to)) {
            int week = timeline.schoolWeekIndex(session.date()).orElseThrow();
            LocalDate windowStart = timeline.schoolWeeks().get(Math.max(0, week - 9));
            List<SessionMark> inWindow = counted.stream()
                    .filter(mark -> !mark.date().isBefore(windowStart) && mark.slot().compareTo(session) <= 0)
                    .toList();
            highest = Math.max(highest, inWindow.size());
            if (firstMetAt == null && inWindow.size() >= 10) {
                firstMetAt = session;
                window = new ThresholdWindow(windowStart, SchoolTimeline.weekStart(session.date()));
                evidence = inWindow;
            }
        }
        return new ThresholdAssessment(firstMetAt, firstMetAt == null ? null : evidence.get(9).slot(), window,
                evidence, highest);
    }

    /** TC-08's marks, with the code the two N sessions read and the code of Fri 28 Feb AM. */
    private static List<SessionMark> tc08Marks(String tenthFebruaryCode, String twentyEighthFebruaryAmCode) {
        return concat(
                allDay("G", "2025-02-04"), List.of(mark("2025-02-05", Session.AM, "G")),
                allDay(tenthFebruaryCode, "2025-02-10"),
                allDay("O", "2025-02-25"), List.of(mark("2025-02-26", Session.AM, "O")),
                List.of(mark("2025-02-27", Session.AM, "U"),
                        mark("2025-02-28", Session.AM, twentyEighthFebruaryAmCode)),
                allDay("I", "2025-02-11", "2025-02-12"),
                every(Session.AM, "L", "2025-02-13", "2025-02-14"));
    }

    private static SessionSlot slot(String date, Session session) {
        return new SessionSlot(LocalDate.parse(date), session);
    }

    private static ThresholdWindow window(String firstWeek, String lastWeek) {
        return new ThresholdWindow(LocalDate.parse(firstWeek), LocalDate.parse(lastWeek));
    }
}
