package org.attendanceledger.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attendanceledger.attendance.ContinuousAbsenceGround.BrokenAt;
import org.attendanceledger.attendance.ContinuousAbsenceGround.Met;
import org.attendanceledger.attendance.ContinuousAbsenceGround.TooFewSchoolDays;
import org.attendanceledger.calendar.Closure;
import org.attendanceledger.calendar.ReferenceCalendar;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionScope;
import org.attendanceledger.calendar.SessionSlot;
import org.junit.jupiter.api.Test;

/** Worked case TC-33 on the reference calendar: the run of G/N/O days that ground (i) needs. */
class ContinuousAbsenceGroundTest {

    private static final LocalDate ABSENT_FROM = LocalDate.of(2025, 3, 3);
    private static final SchoolTimeline TIMELINE = ReferenceCalendar.exampleSchoolTimeline();

    private static PupilSchedule stayEnding(LocalDate lastDayOnRoll) {
        return new PupilSchedule(TIMELINE, List.of(new RollStay(LocalDate.of(2024, 9, 4), lastDayOnRoll, "7")));
    }

    /** O on every session from Mon 3 Mar 2025 to the given day. */
    private static Map<SessionSlot, String> absentUntil(LocalDate last) {
        Map<SessionSlot, String> codes = new HashMap<>();
        for (LocalDate day = ABSENT_FROM; !day.isAfter(last); day = day.plusDays(1)) {
            for (Session session : Session.values()) {
                codes.put(new SessionSlot(day, session), "O");
            }
        }
        return codes;
    }

    @Test
    void twenty_school_days_from_monday_3_march_are_reached_on_friday_28_march() {
        LocalDate day20 = LocalDate.of(2025, 3, 28);
        assertThat(ContinuousAbsenceGround.assess(stayEnding(day20), day20, absentUntil(day20)))
                .isEqualTo(new Met(ABSENT_FROM));
    }

    @Test
    void on_day_19_the_first_session_of_the_window_is_unmarked_and_breaks_it() {
        LocalDate day19 = LocalDate.of(2025, 3, 27);
        assertThat(ContinuousAbsenceGround.assess(stayEnding(day19), day19, absentUntil(day19)))
                .isEqualTo(new BrokenAt(new SessionSlot(LocalDate.of(2025, 2, 28), Session.AM), null));
    }

    @Test
    void illness_on_wednesday_12_march_restarts_the_run_so_day_20_is_thursday_24_april_after_easter() {
        LocalDate day20 = LocalDate.of(2025, 4, 24);
        Map<SessionSlot, String> codes = absentUntil(day20);
        codes.put(new SessionSlot(LocalDate.of(2025, 3, 12), Session.AM), "I");
        codes.put(new SessionSlot(LocalDate.of(2025, 3, 12), Session.PM), "I");

        assertThat(ContinuousAbsenceGround.assess(stayEnding(day20), day20, codes))
                .isEqualTo(new Met(LocalDate.of(2025, 3, 13)));
        LocalDate dayBefore = LocalDate.of(2025, 4, 23);
        assertThat(ContinuousAbsenceGround.assess(stayEnding(dayBefore), dayBefore, codes))
                .isEqualTo(new BrokenAt(new SessionSlot(LocalDate.of(2025, 3, 12), Session.AM), "I"));
    }

    @Test
    void g_and_n_count_like_o_and_a_last_day_in_the_holiday_counts_back_from_the_last_school_day() {
        LocalDate easterMonday = LocalDate.of(2025, 4, 21);
        Map<SessionSlot, String> codes = absentUntil(easterMonday);
        codes.put(new SessionSlot(LocalDate.of(2025, 3, 20), Session.AM), "G");
        codes.put(new SessionSlot(LocalDate.of(2025, 3, 21), Session.PM), "N");

        // 3 Mar to Fri 4 Apr is 25 school days; the window of 20 ending on 4 Apr begins on Mon 10 Mar.
        assertThat(ContinuousAbsenceGround.assess(stayEnding(easterMonday), easterMonday, codes))
                .isEqualTo(new Met(LocalDate.of(2025, 3, 10)));
    }

    @Test
    void fewer_than_twenty_school_days_on_roll_cannot_meet_the_ground() {
        LocalDate start = LocalDate.of(2025, 3, 3);
        LocalDate last = LocalDate.of(2025, 3, 14);
        PupilSchedule joiner = new PupilSchedule(TIMELINE, List.of(new RollStay(start, last, "7")));

        assertThat(ContinuousAbsenceGround.assess(joiner, last, absentUntil(last)))
                .isEqualTo(new TooFewSchoolDays(10));
    }

    @Test
    void a_day_closed_for_the_pupils_year_group_is_not_one_of_the_pupils_school_days() {
        LocalDate day20 = LocalDate.of(2025, 3, 31);
        SchoolTimeline withTrip = new SchoolTimeline(List.of(ReferenceCalendar.exampleSchool2024To25(List.of(
                new Closure(LocalDate.of(2025, 3, 5), SessionScope.BOTH, "Year 7 trip", Set.of("7")))),
                ReferenceCalendar.exampleSchool2025To26()));
        PupilSchedule pupil = new PupilSchedule(withTrip, List.of(new RollStay(LocalDate.of(2024, 9, 4), day20, "7")));
        Map<SessionSlot, String> codes = absentUntil(day20);
        codes.remove(new SessionSlot(LocalDate.of(2025, 3, 5), Session.AM));
        codes.remove(new SessionSlot(LocalDate.of(2025, 3, 5), Session.PM));

        assertThat(ContinuousAbsenceGround.assess(pupil, day20, codes)).isEqualTo(new Met(ABSENT_FROM));
    }
}
