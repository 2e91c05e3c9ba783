package org.attendanceledger.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.school.RegisterPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkRulesTest {

    private static final LocalTime AM = LocalTime.of(8, 50);
    private static final LocalTime PM = LocalTime.of(13, 15);
    /** TC-26: register at 08:50 open for 30 minutes; the morning ends at 12:10. */
    private static final RegisterPolicy EXCLUSIVE =
            new RegisterPolicy(AM, PM, 30, false, LocalTime.of(12, 10), LocalTime.of(15, 20));
    private static final RegisterPolicy INCLUSIVE =
            new RegisterPolicy(AM, PM, 30, true, LocalTime.of(12, 10), LocalTime.of(15, 20));
    private static final RegisterPolicy NO_STATED_ENDS = new RegisterPolicy(AM, PM, 30, false);

    private static List<ErrorCode> codes(MarkRules.Lateness lateness) {
        return lateness.violations().stream().map(RuleViolation::code).toList();
    }

    @ParameterizedTest(name = "{0} minutes late with {1} under an exclusive close: {2}")
    @CsvSource({
            "0, L, ok", "29, L, ok", "30, L, LATE_CODE_CONTRADICTS_ARRIVAL", "41, L, LATE_CODE_CONTRADICTS_ARRIVAL",
            "29, U, LATE_CODE_CONTRADICTS_ARRIVAL", "30, U, ok", "41, U, ok",
            "199, U, ok", "200, U, ARRIVAL_AFTER_SESSION_END", "230, L, ARRIVAL_AFTER_SESSION_END"})
    void minutes_late_alone_must_agree_with_the_code(int minutes, String code, String expected) {
        MarkRules.Lateness lateness = MarkRules.judgeLateness(code, minutes, null, Session.AM, EXCLUSIVE);
        assertThat(codes(lateness)).isEqualTo(expected.equals("ok") ? List.of() : List.of(ErrorCode.valueOf(expected)));
    }

    @Test
    void at_exactly_the_window_an_inclusive_policy_allows_l_and_u_because_whole_minutes_cannot_tell() {
        // 30 minutes late is an arrival in [09:20:00, 09:21:00): at 09:20:00 it is L, a second later U.
        assertThat(codes(MarkRules.judgeLateness("L", 30, null, Session.AM, INCLUSIVE))).isEmpty();
        assertThat(codes(MarkRules.judgeLateness("U", 30, null, Session.AM, INCLUSIVE))).isEmpty();
        assertThat(codes(MarkRules.judgeLateness("L", 31, null, Session.AM, INCLUSIVE)))
                .containsExactly(ErrorCode.LATE_CODE_CONTRADICTS_ARRIVAL);
    }

    @ParameterizedTest(name = "arrival at {0} with {1}: {2}")
    @CsvSource({
            "09:12, L, ok", "09:20:00, U, ok", "09:20:00, L, LATE_CODE_CONTRADICTS_ARRIVAL", "09:31, U, ok",
            "12:09:59, U, ok", "12:10, U, ARRIVAL_AFTER_SESSION_END", "12:40, U, ARRIVAL_AFTER_SESSION_END",
            "08:45, L, LATE_CODE_CONTRADICTS_ARRIVAL"})
    void tc26_l_versus_u_at_the_clock_and_no_u_after_the_session_ended(LocalTime arrival, String code,
                                                                       String expected) {
        MarkRules.Lateness lateness = MarkRules.judgeLateness(code, null, arrival, Session.AM, EXCLUSIVE);
        assertThat(codes(lateness)).isEqualTo(expected.equals("ok") ? List.of() : List.of(ErrorCode.valueOf(expected)));
    }

    @Test
    void the_arrival_time_gives_the_minutes_late_to_store() {
        assertThat(MarkRules.judgeLateness("L", null, LocalTime.of(9, 12), Session.AM, EXCLUSIVE).minutesLate())
                .isEqualTo(22);
        assertThat(MarkRules.judgeLateness("U", null, LocalTime.of(9, 31), Session.AM, EXCLUSIVE).minutesLate())
                .isEqualTo(41);
    }

    @Test
    void without_stated_ends_the_morning_ends_when_the_afternoon_register_starts_and_the_afternoon_never() {
        assertThat(codes(MarkRules.judgeLateness("U", null, LocalTime.of(13, 14), Session.AM, NO_STATED_ENDS)))
                .isEmpty();
        assertThat(codes(MarkRules.judgeLateness("U", null, LocalTime.of(13, 15), Session.AM, NO_STATED_ENDS)))
                .containsExactly(ErrorCode.ARRIVAL_AFTER_SESSION_END);
        assertThat(codes(MarkRules.judgeLateness("U", null, LocalTime.of(17, 0), Session.PM, NO_STATED_ENDS)))
                .isEmpty();
        assertThat(codes(MarkRules.judgeLateness("U", null, LocalTime.of(15, 20), Session.PM, EXCLUSIVE)))
                .containsExactly(ErrorCode.ARRIVAL_AFTER_SESSION_END);
    }

    @Test
    void late_codes_without_minutes_or_arrival_are_accepted_with_the_lateness_unknown() {
        MarkRules.Lateness lateness = MarkRules.judgeLateness("U", null, null, Session.AM, EXCLUSIVE);
        assertThat(lateness.violations()).isEmpty();
        assertThat(lateness.minutesLate()).isNull();
    }

    @Test
    void lateness_on_a_code_that_is_not_late_is_refused() {
        assertThat(codes(MarkRules.judgeLateness("/", 5, null, Session.AM, EXCLUSIVE)))
                .containsExactly(ErrorCode.MINUTES_LATE_NOT_ALLOWED);
        assertThat(codes(MarkRules.judgeLateness("N", null, LocalTime.of(9, 0), Session.AM, EXCLUSIVE)))
                .containsExactly(ErrorCode.MINUTES_LATE_NOT_ALLOWED);
    }

    /** Tue 10 Dec 2024: the AM register opens at 08:50 London time (08:50Z in winter). */
    private static final LocalDate DAY = LocalDate.of(2024, 12, 10);
    private static final Instant REGISTER_OPENS = Instant.parse("2024-12-10T08:50:00Z");

    @ParameterizedTest(name = "{0} before its session starts: {1}")
    @CsvSource({
            "#, ok", "D, ok", "X, ok", "K, ok", "P, ok", "V, ok", "W, ok", "B, ok",
            "C, ok", "C1, ok", "C2, ok", "J1, ok", "M, ok", "R, ok", "S, ok", "T, ok",
            "/, SESSION_NOT_STARTED", "L, SESSION_NOT_STARTED", "I, SESSION_NOT_STARTED", "E, SESSION_NOT_STARTED",
            "Y1, SESSION_NOT_STARTED", "Y7, SESSION_NOT_STARTED", "G, SESSION_NOT_STARTED",
            "N, SESSION_NOT_STARTED", "O, SESSION_NOT_STARTED", "U, SESSION_NOT_STARTED"})
    void only_codes_that_can_be_planned_are_entered_before_the_session_starts(String code, String expected) {
        Instant aMinuteBefore = REGISTER_OPENS.minusSeconds(60);
        List<ErrorCode> found = MarkRules.timingViolations(code, DAY, Session.AM, EXCLUSIVE, aMinuteBefore,
                "recordedAt", aMinuteBefore).stream().map(RuleViolation::code).toList();
        assertThat(found).isEqualTo(expected.equals("ok") ? List.of() : List.of(ErrorCode.valueOf(expected)));
        assertThat(MarkRules.timingViolations(code, DAY, Session.AM, EXCLUSIVE, REGISTER_OPENS, "recordedAt",
                REGISTER_OPENS)).isEmpty();
    }

    @Test
    void a_mark_claiming_to_be_made_before_its_session_day_is_refused_unless_it_could_be_planned() {
        Instant dayBefore = Instant.parse("2024-12-09T16:00:00Z");
        Instant later = Instant.parse("2024-12-11T10:00:00Z");
        assertThat(MarkRules.timingViolations("/", DAY, Session.AM, EXCLUSIVE, dayBefore, "recordedAt", later))
                .extracting(RuleViolation::code, RuleViolation::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.SESSION_NOT_STARTED, "recordedAt"));
        assertThat(MarkRules.timingViolations("C", DAY, Session.AM, EXCLUSIVE, dayBefore, "recordedAt", later))
                .isEmpty();
    }

    @Test
    void a_timestamp_ahead_of_the_ledgers_clock_is_refused() {
        Instant now = Instant.parse("2024-12-10T10:00:00Z");
        assertThat(MarkRules.timingViolations("/", DAY, Session.AM, EXCLUSIVE, now.plusSeconds(600), "recordedAt",
                now)).extracting(RuleViolation::code).containsExactly(ErrorCode.VALIDATION_FAILED);
        assertThat(MarkRules.timingViolations("/", DAY, Session.AM, EXCLUSIVE, now.plusSeconds(120), "recordedAt",
                now)).isEmpty();
    }
}
