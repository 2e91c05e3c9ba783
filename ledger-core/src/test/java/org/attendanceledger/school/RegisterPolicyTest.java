package org.attendanceledger.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;

import org.attendanceledger.calendar.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterPolicyTest {

    private static final LocalTime AM_START = LocalTime.of(8, 50);
    private static final LocalTime PM_START = LocalTime.of(13, 15);

    private final RegisterPolicy exclusiveClose = RegisterPolicy.of(AM_START, PM_START, 30);
    private final RegisterPolicy inclusiveClose = new RegisterPolicy(AM_START, PM_START, 30, true);

    @Test
    void the_register_closes_the_window_after_it_starts() {
        assertThat(exclusiveClose.registerStart(Session.AM)).isEqualTo(AM_START);
        assertThat(exclusiveClose.registerCloses(Session.AM)).isEqualTo(LocalTime.of(9, 20));
        assertThat(exclusiveClose.registerCloses(Session.PM)).isEqualTo(LocalTime.of(13, 45));
    }

    @Test
    void arriving_at_0912_is_22_minutes_late_before_the_register_closed() {
        assertThat(exclusiveClose.assessArrival(Session.AM, LocalTime.of(9, 12)))
                .isEqualTo(new ArrivalAssessment(22, true));
    }

    @Test
    void arriving_at_exactly_0920_is_after_the_register_closed_under_the_default_policy() {
        assertThat(exclusiveClose.assessArrival(Session.AM, LocalTime.of(9, 20, 0)))
                .isEqualTo(new ArrivalAssessment(30, false));
    }

    @Test
    void arriving_at_exactly_0920_is_still_late_when_the_closing_instant_counts_as_late() {
        assertThat(inclusiveClose.assessArrival(Session.AM, LocalTime.of(9, 20, 0)))
                .isEqualTo(new ArrivalAssessment(30, true));
    }

    @Test
    void arriving_one_second_after_the_closing_instant_is_after_the_register_closed_under_either_policy() {
        LocalTime justAfter = LocalTime.of(9, 20, 1);

        assertThat(inclusiveClose.assessArrival(Session.AM, justAfter).beforeRegisterClosed()).isFalse();
        assertThat(exclusiveClose.assessArrival(Session.AM, justAfter).beforeRegisterClosed()).isFalse();
    }

    @Test
    void arriving_at_0931_is_41_minutes_late_after_the_register_closed() {
        assertThat(exclusiveClose.assessArrival(Session.AM, LocalTime.of(9, 31)))
                .isEqualTo(new ArrivalAssessment(41, false));
    }

    @Test
    void minutes_late_are_rounded_down_to_whole_minutes() {
        assertThat(exclusiveClose.assessArrival(Session.AM, LocalTime.of(9, 12, 59)).minutesLate()).isEqualTo(22);
    }

    @Test
    void arriving_before_the_register_starts_is_zero_minutes_late() {
        assertThat(exclusiveClose.assessArrival(Session.AM, LocalTime.of(8, 40)))
                .isEqualTo(new ArrivalAssessment(0, true));
    }

    @Test
    void the_afternoon_is_measured_from_the_afternoon_register_start() {
        assertThat(exclusiveClose.assessArrival(Session.PM, LocalTime.of(13, 25)))
                .isEqualTo(new ArrivalAssessment(10, true));
    }

    @Test
    void a_45_minute_window_exceeds_the_cap_but_is_left_to_the_caller_to_reject() {
        RegisterPolicy longWindow = RegisterPolicy.of(AM_START, PM_START, 45);

        assertThat(longWindow.exceedsWindowCap()).isTrue();
        assertThat(longWindow.exceedsWindowCapOn(LocalDate.of(2024, 9, 4))).isTrue();
        assertThat(longWindow.exceedsWindowCapOn(LocalDate.of(2024, 8, 18))).as("before the 2024 Regulations").isFalse();
    }

    @Test
    void a_30_minute_window_is_within_the_cap() {
        assertThat(exclusiveClose.exceedsWindowCap()).isFalse();
        assertThat(exclusiveClose.exceedsWindowCapOn(RegisterPolicy.WINDOW_CAP_FROM)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5})
    void a_window_shorter_than_a_minute_is_rejected(int windowMinutes) {
        assertThatThrownBy(() -> RegisterPolicy.of(AM_START, PM_START, windowMinutes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 minute");
    }

    @Test
    void a_register_that_would_close_after_midnight_is_rejected() {
        assertThatThrownBy(() -> RegisterPolicy.of(AM_START, LocalTime.of(23, 45), 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PM register");
    }

    @Test
    void the_factory_treats_the_closing_instant_as_too_late() {
        assertThat(exclusiveClose.closingInstantIsLate()).isFalse();
    }
}
