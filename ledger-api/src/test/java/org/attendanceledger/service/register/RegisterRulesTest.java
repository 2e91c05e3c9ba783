package org.attendanceledger.service.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.mark;
import static org.attendanceledger.service.support.Fixtures.with;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.junit.jupiter.api.Test;

/** The register's rules, second pass (issue 8): lateness, sessions not yet held, and the register policy over time. */
class RegisterRulesTest extends LedgerApiTest {

    private String codeOf(LedgerClient.Response response) {
        return response.body().path("errors").get(0).path("code").asText();
    }

    @Test
    void minutes_late_alone_must_tell_the_same_story_as_the_code() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        var lAfterTheClose = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "L"),
                "minutesLate", 35)));
        var uBeforeTheClose = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "U"),
                "minutesLate", 10)));
        var fitting = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "L"), "minutesLate", 29),
                with(mark(pupil, "2024-10-02", "AM", "U"), "minutesLate", 30)));

        assertThat(lAfterTheClose.status()).isEqualTo(422);
        assertThat(codeOf(lAfterTheClose)).isEqualTo("LATE_CODE_CONTRADICTS_ARRIVAL");
        assertThat(codeOf(uBeforeTheClose)).isEqualTo("LATE_CODE_CONTRADICTS_ARRIVAL");
        assertThat(fitting.status()).isEqualTo(200);
    }

    @Test
    void an_arrival_after_the_session_ended_is_not_u_but_refused() {
        String urn = schoolWithSessionEnds("12:10", "15:20");
        String pupil = fixtures().admit(urn, "2024-09-04");

        var afterMorning = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "U"),
                "arrivalTime", "12:40")));
        var minutesPastTheEnd = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "U"),
                "minutesLate", 230)));
        var beforeTheEnd = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "U"),
                "arrivalTime", "12:09")));

        assertThat(afterMorning.status()).isEqualTo(422);
        assertThat(codeOf(afterMorning)).isEqualTo("ARRIVAL_AFTER_SESSION_END");
        assertThat(codeOf(minutesPastTheEnd)).isEqualTo("ARRIVAL_AFTER_SESSION_END");
        assertThat(beforeTheEnd.status()).isEqualTo(200);
    }

    @Test
    void without_stated_session_ends_the_morning_ends_when_the_afternoon_register_starts() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        var atTheAfternoonRegister = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "U"),
                "arrivalTime", "13:15")));

        assertThat(codeOf(atTheAfternoonRegister)).isEqualTo("ARRIVAL_AFTER_SESSION_END");
    }

    @Test
    void late_codes_without_minutes_or_arrival_are_accepted_and_the_history_says_the_lateness_is_unknown() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "U"),
                with(mark(pupil, "2024-10-01", "PM", "L"), "minutesLate", 5), mark(pupil, "2024-10-02", "AM", "/")));

        assertThat(history(urn, pupil, "2024-10-01", "AM").get(0).path("lateness").asText()).isEqualTo("UNKNOWN");
        assertThat(history(urn, pupil, "2024-10-01", "PM").get(0).path("lateness").asText()).isEqualTo("KNOWN");
        assertThat(history(urn, pupil, "2024-10-02", "AM").get(0).path("lateness").isNull()).isTrue();
    }

    @Test
    void a_register_policy_applies_from_its_date_and_never_judges_earlier_marks_again() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "L"), "arrivalTime", "09:05")));

        var shorter = changePolicy(urn, "2024-11-01", 10);
        var backwards = changePolicy(urn, "2024-10-15", 20);
        var lateUnderOld = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-02", "AM", "L"),
                "arrivalTime", "09:05")));
        var lateUnderNew = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-11-05", "AM", "L"),
                "arrivalTime", "09:05")));
        var uUnderNew = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-11-05", "AM", "U"),
                "arrivalTime", "09:05")));
        var overJudgedMarks = changePolicy(urn, "2024-11-04", 20);

        assertThat(shorter.status()).as(shorter.toString()).isEqualTo(200);
        assertThat(lateUnderOld.status()).isEqualTo(200);
        assertThat(codeOf(lateUnderNew)).isEqualTo("LATE_CODE_CONTRADICTS_ARRIVAL");
        assertThat(uUnderNew.status()).isEqualTo(200);
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.body().path("code").asText()).isEqualTo("REGISTER_POLICY_NOT_LATER");
        assertThat(overJudgedMarks.status()).isEqualTo(422);
        assertThat(overJudgedMarks.body().path("code").asText()).isEqualTo("REGISTER_POLICY_REJUDGES_MARKS");
        assertThat(shorter.body().path("registerPolicies")).hasSize(2);
        assertThat(history(urn, pupil, "2024-10-01", "AM").get(0).path("code").asText()).isEqualTo("L");
    }

    @Test
    void a_policy_change_needs_a_reason_and_a_named_person_with_a_position() {
        String urn = fixtures().exampleSchool();
        Map<String, Object> body = policy("2025-01-06", 20);
        body.remove("reason");

        var response = api().put("/api/v1/schools/" + urn + "/register-policy", body);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("code").asText()).isEqualTo("AMENDMENT_FIELDS_MISSING");
    }

    @Test
    void a_session_not_yet_started_takes_only_codes_that_can_be_planned_and_an_advance_mark_can_be_amended() {
        LocalDate ahead = nextWeekdayFrom(LedgerClock.localDate(java.time.Instant.now()).plusDays(7));
        AcademicYear year = AcademicYear.containing(ahead);
        String urn = fixtures().school("201");
        fixtures().publish(urn, year.toString(),
                List.of(Fixtures.term(year.firstDay().toString(), year.lastDay().toString())), List.of());
        String pupil = fixtures().admit(urn, year.firstDay().toString());
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", year.firstDay().toString());
        String recordedNow = java.time.Instant.now().toString();

        var present = fixtures().postMarks(urn, List.of(with(mark(pupil, ahead.toString(), "AM", "/"),
                "recordedAt", recordedNow)));
        var leave = fixtures().postMarks(urn, List.of(with(mark(pupil, ahead.toString(), "AM", "C"),
                "recordedAt", recordedNow), with(mark(pupil, ahead.toString(), "PM", "V"), "recordedAt", recordedNow)));
        var toIllness = fixtures().amend(urn, pupil, ahead.toString(), "AM", "I", "ill instead", HEAD, recordedNow);
        var toMedical = fixtures().amend(urn, pupil, ahead.toString(), "AM", "M", "it is a hospital appointment",
                HEAD, recordedNow);

        assertThat(present.status()).isEqualTo(422);
        assertThat(codeOf(present)).isEqualTo("SESSION_NOT_STARTED");
        assertThat(leave.status()).as(leave.toString()).isEqualTo(200);
        assertThat(toIllness.status()).isEqualTo(422);
        assertThat(codeOf(toIllness)).isEqualTo("SESSION_NOT_STARTED");
        assertThat(toMedical.status()).as(toMedical.toString()).isEqualTo(201);
    }

    @Test
    void a_mark_cannot_claim_to_be_recorded_before_its_session_day_unless_it_could_be_planned() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        var present = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-02", "AM", "/"),
                "recordedAt", "2024-10-01T15:00:00+01:00")));
        var trip = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-02", "AM", "V"),
                "recordedAt", "2024-10-01T15:00:00+01:00")));

        assertThat(present.status()).isEqualTo(422);
        assertThat(present.body().path("errors").get(0).path("field").asText()).isEqualTo("recordedAt");
        assertThat(codeOf(present)).isEqualTo("SESSION_NOT_STARTED");
        assertThat(trip.status()).isEqualTo(200);
    }

    private String schoolWithSessionEnds(String amEnd, String pmEnd) {
        String urn = fixtures().school("201", Map.of("amSessionEnd", amEnd, "pmSessionEnd", pmEnd));
        assertThat(java.time.LocalTime.parse(api().get("/api/v1/schools/" + urn).body().path("amSessionEnd").asText()))
                .isEqualTo(java.time.LocalTime.parse(amEnd));
        fixtures().publish(urn, "2024-25", Fixtures.referenceTerms2024(), Fixtures.referenceClosures2024());
        return urn;
    }

    private static Map<String, Object> policy(String effectiveFrom, int windowMinutes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("effectiveFrom", effectiveFrom);
        body.put("amRegisterStart", "08:50");
        body.put("pmRegisterStart", "13:15");
        body.put("registerWindowMinutes", windowMinutes);
        body.put("reason", "governors shortened the register window");
        body.put("by", HEAD);
        return body;
    }

    private LedgerClient.Response changePolicy(String urn, String effectiveFrom, int windowMinutes) {
        return api().put("/api/v1/schools/" + urn + "/register-policy", policy(effectiveFrom, windowMinutes));
    }

    private JsonNode history(String urn, String upn, String date, String session) {
        return api().get("/api/v1/schools/" + urn + "/marks/" + upn + "/" + date + "/" + session + "/history")
                .body().path("entries");
    }

    private static LocalDate nextWeekdayFrom(LocalDate date) {
        LocalDate day = date;
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day;
    }
}
