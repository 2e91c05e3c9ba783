package org.attendanceledger.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.calendar.ReferenceCalendar.exampleSchoolTimeline;

import java.time.LocalDate;
import org.attendanceledger.calendar.SchoolTimeline;
import org.junit.jupiter.api.Test;

class NMarkDeadlineTest {

    private final SchoolTimeline timeline = exampleSchoolTimeline();
    private final NMarkDeadline national = NMarkDeadline.national();

    @Test
    void tc11_an_n_before_half_term_is_due_on_monday_3_march_and_overdue_from_tuesday_4_march() {
        LocalDate deadline = national.deadline(timeline, LocalDate.of(2025, 2, 14)).orElseThrow();

        assertThat(deadline).isEqualTo(LocalDate.of(2025, 3, 3));
        assertThat(NMarkDeadline.isOverdue(deadline, LocalDate.of(2025, 3, 3))).isFalse();
        assertThat(NMarkDeadline.isOverdue(deadline, LocalDate.of(2025, 3, 4))).isTrue();
    }

    @Test
    void tc08_an_n_on_10_february_is_due_on_tuesday_25_february() {
        assertThat(national.deadline(timeline, LocalDate.of(2025, 2, 10))).contains(LocalDate.of(2025, 2, 25));
    }

    @Test
    void a_deadline_beyond_the_published_calendars_is_not_yet_known() {
        assertThat(national.deadline(timeline, LocalDate.of(2025, 10, 20))).isEmpty();
    }
}
