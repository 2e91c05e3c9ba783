package org.attendanceledger.service.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.allDay;
import static org.attendanceledger.service.support.Fixtures.closure;
import static org.attendanceledger.service.support.Fixtures.mark;
import static org.attendanceledger.service.support.Fixtures.with;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionReader;
import org.attendanceledger.service.support.ReferenceRegisters;
import org.junit.jupiter.api.Test;

/** Attendance figures through the HTTP API: the worked cases of rules 9 that concern possible sessions and absence. */
class AttendanceFiguresApiTest extends LedgerApiTest {

    private ProjectionReader read() {
        return new ProjectionReader(api());
    }

    private int possible(String urn, String upn, String from, String to) {
        return read().attendance(urn, upn, from, to).path("possibleSessions").asInt();
    }

    private int scheduled(String urn, String upn, String from, String to) {
        return read().attendance(urn, upn, from, to).path("scheduledSessions").asInt();
    }

    @Test
    void tc34_the_census_windows_hold_146_116_46_and_72_possible_sessions_for_a_pupil_on_roll_all_year() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        String unmarked = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, ReferenceRegisters.year(upn).marks());

        assertThat(possible(urn, upn, "2024-08-01", "2024-12-31")).as("autumn").isEqualTo(146);
        assertThat(possible(urn, upn, "2025-01-01", "2025-04-20")).as("spring").isEqualTo(116);
        assertThat(possible(urn, upn, "2025-04-21", "2025-05-25")).as("summer, first half").isEqualTo(46);
        assertThat(possible(urn, upn, "2025-05-26", "2025-07-31")).as("summer, second half").isEqualTo(72);
        JsonNode year = read().attendance(urn, upn, "2024-09-01", "2025-08-31");
        assertThat(year.path("possibleSessions").asInt()).isEqualTo(380);
        assertThat(year.path("unmarkedSessions").asInt()).isZero();
        JsonNode blank = read().attendance(urn, unmarked, "2024-09-01", "2025-08-31");
        assertThat(blank.path("scheduledSessions").asInt()).isEqualTo(380);
        assertThat(blank.path("possibleSessions").asInt()).as("a blank is not a possible session").isZero();
        assertThat(blank.path("unmarkedSessions").asInt()).as("nothing marked yet").isEqualTo(380);
    }

    @Test
    void tc18_thirty_eight_absences_in_a_full_year_is_persistent_absence_and_thirty_seven_is_not() {
        String urn = fixtures().exampleSchool();
        String atTenPercent = fixtures().admit(urn, "2024-09-04");
        String justBelow = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, ReferenceRegisters.year(atTenPercent).absent(30, "I").absent(8, "O").marks());
        fixtures().recordMarks(urn, ReferenceRegisters.year(justBelow).absent(30, "I").absent(7, "O").marks());

        JsonNode flagged = read().attendance(urn, atTenPercent, "2024-09-01", "2025-08-31");
        JsonNode notFlagged = read().attendance(urn, justBelow, "2024-09-01", "2025-08-31");

        assertThat(flagged.path("possibleSessions").asInt()).isEqualTo(380);
        assertThat(flagged.path("overallAbsenceSessions").asInt()).isEqualTo(38);
        assertThat(flagged.path("authorisedAbsenceSessions").asInt()).isEqualTo(30);
        assertThat(flagged.path("unauthorisedAbsenceSessions").asInt()).isEqualTo(8);
        assertThat(flagged.path("attendedSessions").asInt()).isEqualTo(342);
        assertThat(flagged.path("presentSessions").asInt()).isEqualTo(342);
        assertThat(flagged.path("unmarkedSessions").asInt()).isZero();
        assertThat(flagged.path("persistentAbsence").asBoolean()).isTrue();
        assertThat(flagged.path("severeAbsence").asBoolean()).isFalse();
        assertThat(flagged.path("absencePercent").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(flagged.path("byCode").path("I").asInt()).isEqualTo(30);
        assertThat(flagged.path("byCode").path("O").asInt()).isEqualTo(8);
        assertThat(flagged.path("byCode").path("/").asInt() + flagged.path("byCode").path("\\").asInt()).isEqualTo(342);
        assertThat(notFlagged.path("overallAbsenceSessions").asInt()).isEqualTo(37);
        assertThat(notFlagged.path("persistentAbsence").asBoolean()).isFalse();
        assertThat(notFlagged.path("absencePercent").decimalValue()).isEqualByComparingTo("9.74");
    }

    @Test
    void tc20_half_the_year_absent_is_severe_and_one_session_fewer_is_persistent_only() {
        String urn = fixtures().exampleSchool();
        String half = fixtures().admit(urn, "2024-09-04");
        String justUnder = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, ReferenceRegisters.year(half).absent(190, "I").marks());
        fixtures().recordMarks(urn, ReferenceRegisters.year(justUnder).absent(189, "I").marks());

        JsonNode severe = read().attendance(urn, half, "2024-09-01", "2025-08-31");
        JsonNode persistentOnly = read().attendance(urn, justUnder, "2024-09-01", "2025-08-31");

        assertThat(severe.path("severeAbsence").asBoolean()).isTrue();
        assertThat(severe.path("persistentAbsence").asBoolean()).isTrue();
        assertThat(persistentOnly.path("severeAbsence").asBoolean()).isFalse();
        assertThat(persistentOnly.path("persistentAbsence").asBoolean()).isTrue();
        assertThat(persistentOnly.path("absencePercent").decimalValue()).isEqualByComparingTo("49.74");
    }

    @Test
    void tc22_x_marks_take_sessions_out_of_the_possible_so_fourteen_absences_in_136_is_persistent() {
        String urn = fixtures().exampleSchool();
        String reception = fixtures().admit(urn, "2024-09-04", "R");
        List<Map<String, Object>> marks = new ArrayList<>();
        for (String day : List.of("2024-09-04", "2024-09-05", "2024-09-06", "2024-09-09", "2024-09-10",
                "2024-09-11", "2024-09-12", "2024-09-13", "2024-09-16", "2024-09-17")) {
            marks.add(mark(reception, day, "PM", "X"));
        }
        marks.addAll(allDay(reception, "I", "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04"));
        marks.addAll(allDay(reception, "O", "2024-11-05", "2024-11-06", "2024-11-07"));
        fixtures().recordMarks(urn, ReferenceRegisters.presentOtherwise(reception, marks, "2024-12-31"));

        JsonNode autumn = read().attendance(urn, reception, "2024-09-01", "2024-12-31");

        assertThat(autumn.path("possibleSessions").asInt()).isEqualTo(136);
        assertThat(autumn.path("notPossibleSessions").asInt()).isEqualTo(10);
        assertThat(autumn.path("overallAbsenceSessions").asInt()).isEqualTo(14);
        assertThat(autumn.path("absencePercent").decimalValue()).isEqualByComparingTo("10.29");
        assertThat(autumn.path("persistentAbsence").asBoolean()).isTrue();
        assertThat(autumn.path("byCode").path("X").asInt()).isEqualTo(10);
    }

    @Test
    void tc24_leave_partly_granted_then_overstayed_adds_six_authorised_and_four_unauthorised_sessions() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(allDay(upn, "C", "2025-03-17", "2025-03-18", "2025-03-19"));
        marks.addAll(allDay(upn, "G", "2025-03-20", "2025-03-21"));
        fixtures().recordMarks(urn, marks);

        JsonNode week = read().attendance(urn, upn, "2025-03-17", "2025-03-21");

        assertThat(week.path("overallAbsenceSessions").asInt()).isEqualTo(10);
        assertThat(week.path("authorisedAbsenceSessions").asInt()).isEqualTo(6);
        assertThat(week.path("unauthorisedAbsenceSessions").asInt()).isEqualTo(4);
    }

    @Test
    void tc25_religious_observance_beyond_the_set_apart_day_adds_six_sessions_of_absence() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(allDay(upn, "R", "2025-03-31"));
        marks.addAll(allDay(upn, "O", "2025-04-01", "2025-04-02"));
        fixtures().recordMarks(urn, marks);

        JsonNode days = read().attendance(urn, upn, "2025-03-31", "2025-04-02");

        assertThat(days.path("overallAbsenceSessions").asInt()).isEqualTo(6);
        assertThat(days.path("authorisedAbsenceSessions").asInt()).isEqualTo(2);
        assertThat(days.path("unauthorisedAbsenceSessions").asInt()).isEqualTo(4);
    }

    @Test
    void tc37_one_missed_session_in_the_first_week_is_persistent_absence_as_of_friday() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(List.of(mark(upn, "2024-09-04", "AM", "I"),
                mark(upn, "2024-09-04", "PM", "\\")));
        marks.addAll(allDay(upn, "/", "2024-09-05", "2024-09-06"));
        fixtures().recordMarks(urn, marks);

        JsonNode firstWeek = read().attendance(urn, upn, "2024-09-01", "2024-09-06");

        assertThat(firstWeek.path("possibleSessions").asInt()).isEqualTo(6);
        assertThat(firstWeek.path("overallAbsenceSessions").asInt()).isEqualTo(1);
        assertThat(firstWeek.path("absencePercent").decimalValue()).isEqualByComparingTo("16.67");
        assertThat(firstWeek.path("persistentAbsence").asBoolean()).isTrue();
    }

    @Test
    void a_joiner_counts_from_the_starting_day_and_a_leaver_up_to_the_last_day_on_roll() {
        String urn = fixtures().exampleSchool();
        String joiner = fixtures().admit(urn, "2025-01-07");
        String leaver = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(leaver, "O", "2024-12-19", "2024-12-20"));
        fixtures().delete(urn, leaver, "2024-12-19");

        JsonNode joined = read().attendance(urn, joiner, "2024-09-01", "2025-08-31");
        JsonNode left = read().attendance(urn, leaver, "2024-09-01", "2025-08-31");

        assertThat(joined.path("scheduledSessions").asInt()).isEqualTo(380 - 146);
        assertThat(left.path("scheduledSessions").asInt()).isEqualTo(146 - 2);
        assertThat(left.path("possibleSessions").asInt()).as("the marks of 19 Dec, its last day on roll")
                .isEqualTo(2);
        assertThat(left.path("unauthorisedAbsenceSessions").asInt())
                .as("the marks of 20 Dec fall after the last day on roll").isEqualTo(2);
    }

    @Test
    void republishing_the_calendar_changes_the_possible_sessions_and_drops_marks_on_sessions_it_removes() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(upn, "O", "2024-10-04"));
        List<Map<String, Object>> closures = new ArrayList<>(Fixtures.referenceClosures2024());
        closures.add(closure("2024-10-04", "BOTH", "Boiler failure"));
        closures.removeIf(c -> c.get("date").equals("2025-02-24"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("terms", Fixtures.referenceTerms2024());
        body.put("closures", closures);
        body.put("by", HEAD);
        body.put("reason", "closed on 4 Oct after a boiler failure; opened on 24 Feb after all");

        var republished = api().put("/api/v1/schools/" + urn + "/calendars/2024-25", body);
        JsonNode year = read().attendance(urn, upn, "2024-09-01", "2025-08-31");

        assertThat(republished.status()).isEqualTo(200);
        assertThat(year.path("scheduledSessions").asInt()).isEqualTo(380);
        assertThat(year.path("unauthorisedAbsenceSessions").asInt()).isZero();
        assertThat(scheduled(urn, upn, "2025-02-24", "2025-02-24")).isEqualTo(2);
    }

    @Test
    void tc16_a_partial_closure_removes_sessions_for_its_year_group_only_and_a_closure_mark_adds_nothing() {
        String urn = fixtures().school(ProjectionReader.newLaCode());
        List<Map<String, Object>> closures = new ArrayList<>(Fixtures.referenceClosures2024());
        closures.add(Map.of("date", "2024-09-04", "session", "BOTH", "reason", "Staggered start",
                "yearGroups", List.of("7")));
        fixtures().publish(urn, "2024-25", Fixtures.referenceTerms2024(), closures);
        String yearSeven = fixtures().admit(urn, "2024-09-04", "7");
        String yearEight = fixtures().admit(urn, "2024-09-04", "8");
        fixtures().recordMarks(urn, allDay(yearEight, "#", "2025-02-24"));

        assertThat(scheduled(urn, yearSeven, "2024-09-01", "2025-08-31")).isEqualTo(378);
        assertThat(scheduled(urn, yearEight, "2024-09-01", "2025-08-31")).isEqualTo(380);
        assertThat(read().attendance(urn, yearEight, "2024-09-01", "2025-08-31").path("possibleSessions").asInt())
                .as("a closure mark adds nothing").isZero();
    }

    @Test
    void tc14_a_retried_mark_is_counted_once() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        Map<String, Object> keyed = with(mark(upn, "2024-10-01", "AM", "/"), "idempotencyKey", "K1");
        fixtures().recordMarks(urn, List.of(keyed));
        fixtures().recordMarks(urn, List.of(keyed));

        JsonNode day = read().attendance(urn, upn, "2024-10-01", "2024-10-01");

        assertThat(day.path("attendedSessions").asInt()).isEqualTo(1);
        assertThat(day.path("unmarkedSessions").asInt()).isEqualTo(1);
    }

    @Test
    void the_period_defaults_to_the_academic_year_to_date() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");

        var response = api().get("/api/v1/schools/" + urn + "/pupils/" + upn + "/attendance");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("to").asText()).isEqualTo(LocalDate.now(LedgerClock.ENGLAND).toString());
        assertThat(response.body().path("from").asText()).endsWith("-09-01");
    }

    @Test
    void reads_for_an_unknown_school_or_pupil_are_not_found_and_bad_parameters_are_unprocessable() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        String base = "/api/v1/schools/" + urn + "/pupils/";

        var unknownSchool = api().get("/api/v1/schools/999998/pupils/" + upn + "/attendance");
        var unknownPupil = api().get(base + Fixtures.newUpn() + "/attendance");
        var backwards = api().get(base + upn + "/attendance?from=2025-01-01&to=2024-12-31");
        var notADate = api().get(base + upn + "/attendance?from=yesterday");
        var badYear = api().get("/api/v1/schools/" + urn + "/absence-lists/persistent?academicYear=2024-26");
        var badLa = api().get("/api/v1/las/20/absence-lists/severe");

        assertThat(unknownSchool.status()).isEqualTo(404);
        assertThat(unknownSchool.errorCode()).isEqualTo("UNKNOWN_SCHOOL");
        assertThat(unknownPupil.status()).isEqualTo(404);
        assertThat(unknownPupil.errorCode()).isEqualTo("UNKNOWN_PUPIL");
        for (var invalid : List.of(backwards, notADate, badYear, badLa)) {
            assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
            assertThat(invalid.isProblem()).isTrue();
            assertThat(invalid.errorCode()).isEqualTo("VALIDATION_FAILED");
        }
    }
}
