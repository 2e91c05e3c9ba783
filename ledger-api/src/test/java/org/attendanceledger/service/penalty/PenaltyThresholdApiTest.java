package org.attendanceledger.service.penalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.TEACHER;
import static org.attendanceledger.service.support.Fixtures.allDay;
import static org.attendanceledger.service.support.Fixtures.mark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionReader;
import org.junit.jupiter.api.Test;

/** The 10-in-10 penalty-notice threshold (rules 7.1) through the HTTP API: the worked cases of rules 9. */
class PenaltyThresholdApiTest extends LedgerApiTest {

    private static final String FROM = "2024-09-01";
    private static final String TO = "2025-10-24";

    private ProjectionReader read() {
        return new ProjectionReader(api());
    }

    @Test
    void breach_at_is_the_session_whose_mark_made_the_count_reach_ten_even_before_the_period() {
        String laCode = ProjectionReader.newLaCode();
        String urn = fixtures().exampleSchool(laCode);
        String upn = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(allDay(upn, "G", "2024-10-03", "2024-10-04"));
        marks.addAll(allDay(upn, "U", "2024-11-25", "2024-11-26", "2024-11-27"));
        fixtures().recordMarks(urn, marks);

        JsonNode whole = read().threshold(urn, upn, FROM, TO);
        JsonNode afterTheBreach = read().threshold(urn, upn, "2024-11-28", TO);
        JsonNode queue = api().get("/api/v1/las/" + laCode + "/penalty-threshold?from=2024-11-28&to=" + TO).body();

        assertThat(whole.path("breachAt").path("date").asText()).isEqualTo("2024-11-27");
        assertThat(whole.path("breachAt").path("session").asText()).isEqualTo("PM");
        assertThat(afterTheBreach.path("firstMetAt").path("date").asText()).isEqualTo("2024-11-28");
        assertThat(afterTheBreach.path("firstMetAt").path("session").asText()).isEqualTo("AM");
        assertThat(afterTheBreach.path("breachAt").path("date").asText()).isEqualTo("2024-11-27");
        assertThat(afterTheBreach.path("breachAt").path("session").asText()).isEqualTo("PM");
        assertThat(queue.path("items").get(0).path("breachAt").path("date").asText()).isEqualTo("2024-11-27");
    }

    @Test
    void tc01_holiday_weeks_do_not_consume_the_window_so_ten_sessions_eight_school_weeks_apart_meet_it() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(allDay(upn, "G", "2024-10-03", "2024-10-04"));
        marks.addAll(allDay(upn, "U", "2024-11-25", "2024-11-26", "2024-11-27"));
        fixtures().recordMarks(urn, marks);

        JsonNode threshold = read().threshold(urn, upn, FROM, TO);

        assertThat(threshold.path("met").asBoolean()).isTrue();
        assertThat(threshold.path("firstMetAt").path("date").asText()).isEqualTo("2024-11-27");
        assertThat(threshold.path("firstMetAt").path("session").asText()).isEqualTo("PM");
        assertThat(threshold.path("window").path("firstSchoolWeek").asText()).isEqualTo("2024-09-16");
        assertThat(threshold.path("window").path("lastSchoolWeek").asText()).isEqualTo("2024-11-25");
        assertThat(threshold.path("sessions")).hasSize(10);
        assertThat(threshold.path("sessions").get(0).path("date").asText()).isEqualTo("2024-10-03");
        assertThat(threshold.path("sessions").get(0).path("code").asText()).isEqualTo("G");
        assertThat(threshold.path("maxCountInAnyWindow").asInt()).isEqualTo(10);
    }

    @Test
    void tc05_the_window_spans_the_summer_holiday_while_absence_figures_restart_with_the_new_year() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(List.of(mark(upn, "2025-07-14", "AM", "U"),
                mark(upn, "2025-07-15", "AM", "U"), mark(upn, "2025-07-16", "AM", "U"),
                mark(upn, "2025-07-22", "PM", "O")));
        marks.addAll(allDay(upn, "O", "2025-09-10", "2025-09-11", "2025-09-12"));
        fixtures().recordMarks(urn, marks);

        JsonNode threshold = read().threshold(urn, upn, FROM, TO);
        JsonNode newYear = read().attendance(urn, upn, "2025-09-01", "2025-09-05");

        assertThat(threshold.path("firstMetAt").path("date").asText()).isEqualTo("2025-09-12");
        assertThat(threshold.path("firstMetAt").path("session").asText()).isEqualTo("PM");
        assertThat(threshold.path("window").path("firstSchoolWeek").asText()).isEqualTo("2025-06-02");
        assertThat(threshold.path("window").path("lastSchoolWeek").asText()).isEqualTo("2025-09-08");
        assertThat(threshold.path("sessions").findValuesAsText("date"))
                .contains("2025-07-14", "2025-07-22", "2025-09-12");
        assertThat(newYear.path("overallAbsenceSessions").asInt()).isZero();
    }

    @Test
    void tc08_mixed_codes_meet_it_and_an_n_resolved_to_o_keeps_it_while_resolved_to_i_removes_it() {
        String urn = fixtures().exampleSchool();
        String keptAsO = fixtures().admit(urn, "2024-09-04");
        String resolvedToI = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, tc08Marks(keptAsO, "U"));
        fixtures().recordMarks(urn, tc08Marks(resolvedToI, "U"));

        JsonNode whileN = read().threshold(urn, keptAsO, FROM, TO);
        amendBothSessions(urn, keptAsO, "2025-02-10", "O");
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        amendBothSessions(urn, resolvedToI, "2025-02-10", "I");
        JsonNode asO = read().threshold(urn, keptAsO, FROM, TO);
        JsonNode asI = read().threshold(urn, resolvedToI, FROM, TO);

        assertThat(whileN.path("met").asBoolean()).isTrue();
        assertThat(whileN.path("firstMetAt").path("date").asText()).isEqualTo("2025-02-28");
        assertThat(whileN.path("firstMetAt").path("session").asText()).isEqualTo("AM");
        assertThat(whileN.path("sessions").findValuesAsText("code"))
                .containsExactly("G", "G", "G", "N", "N", "O", "O", "O", "U", "U");
        assertThat(asO.path("met").asBoolean()).isTrue();
        assertThat(asO.path("sessions")).hasSize(10);
        assertThat(asO.path("firstMetAt").path("date").asText()).isEqualTo("2025-02-28");
        assertThat(asI.path("met").asBoolean()).isFalse();
        assertThat(asI.path("maxCountInAnyWindow").asInt()).isEqualTo(8);
        assertThat(asI.path("firstMetAt").isNull()).isTrue();
        assertThat(asI.path("sessions")).isEmpty();
    }

    @Test
    void tc09_arriving_before_the_register_closed_is_not_absence_so_the_count_stays_at_nine() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, tc08Marks(upn, "L"));

        JsonNode threshold = read().threshold(urn, upn, FROM, TO);
        JsonNode february = read().attendance(urn, upn, "2025-02-01", "2025-02-28");

        assertThat(threshold.path("met").asBoolean()).isFalse();
        assertThat(threshold.path("maxCountInAnyWindow").asInt()).isEqualTo(9);
        assertThat(february.path("overallAbsenceSessions").asInt()).as("9 unauthorised and 4 illness").isEqualTo(13);
    }

    @Test
    void tc11_the_count_is_the_same_whether_an_unexplained_absence_reads_n_or_o() {
        String urn = fixtures().exampleSchool();
        String staysN = fixtures().admit(urn, "2024-09-04");
        String becomesO = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(allDay(staysN, "N", "2025-02-14"));
        marks.addAll(allDay(becomesO, "N", "2025-02-14"));
        fixtures().recordMarks(urn, marks);
        amendBothSessions(urn, becomesO, "2025-02-14", "O");

        assertThat(read().threshold(urn, staysN, FROM, TO).path("maxCountInAnyWindow").asInt()).isEqualTo(2);
        assertThat(read().threshold(urn, becomesO, FROM, TO).path("maxCountInAnyWindow").asInt()).isEqualTo(2);
    }

    @Test
    void tc13_illness_recoded_as_holiday_by_an_authorised_person_meets_the_threshold_in_the_corrected_view() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(
                allDay(upn, "I", "2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13"));
        marks.addAll(allDay(upn, "O", "2025-03-14"));
        fixtures().recordMarks(urn, marks);
        JsonNode beforeEvidence = read().threshold(urn, upn, FROM, TO);
        JsonNode figuresBefore = read().attendance(urn, upn, "2025-03-10", "2025-03-14");

        var withoutGrant = fixtures().amend(urn, upn, "2025-03-10", "AM", "G", "holiday evidence", TEACHER,
                "2025-03-17T09:00:00Z");
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        for (String day : List.of("2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13")) {
            for (String session : List.of("AM", "PM")) {
                var amended = fixtures().amend(urn, upn, day, session, "G", "photos of a holiday abroad", HEAD,
                        "2025-03-17T09:00:00Z");
                assertThat(amended.status()).as(amended.toString()).isEqualTo(201);
            }
        }
        JsonNode corrected = read().threshold(urn, upn, FROM, TO);
        JsonNode figuresAfter = read().attendance(urn, upn, "2025-03-10", "2025-03-14");

        assertThat(withoutGrant.status()).isEqualTo(403);
        assertThat(withoutGrant.errorCode()).isEqualTo("ACTOR_NOT_AUTHORISED");
        assertThat(beforeEvidence.path("met").asBoolean()).isFalse();
        assertThat(corrected.path("met").asBoolean()).isTrue();
        assertThat(corrected.path("firstMetAt").path("date").asText()).isEqualTo("2025-03-14");
        assertThat(corrected.path("firstMetAt").path("session").asText()).isEqualTo("PM");
        assertThat(corrected.path("window").path("lastSchoolWeek").asText()).isEqualTo("2025-03-10");
        assertThat(figuresAfter.path("authorisedAbsenceSessions").asInt())
                .isEqualTo(figuresBefore.path("authorisedAbsenceSessions").asInt() - 8);
        assertThat(figuresAfter.path("unauthorisedAbsenceSessions").asInt())
                .isEqualTo(figuresBefore.path("unauthorisedAbsenceSessions").asInt() + 8);
        assertThat(figuresAfter.path("overallAbsenceSessions").asInt()).isEqualTo(10);
        assertThat(figuresAfter.path("persistentAbsence").asBoolean())
                .isEqualTo(figuresBefore.path("persistentAbsence").asBoolean());
    }

    @Test
    void tc24_and_tc25_holiday_overstay_and_absence_beyond_a_religious_day_add_four_each_to_the_count() {
        String urn = fixtures().exampleSchool();
        String overstayed = fixtures().admit(urn, "2024-09-04");
        String observance = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(allDay(overstayed, "C", "2025-03-17", "2025-03-18",
                "2025-03-19"));
        marks.addAll(allDay(overstayed, "G", "2025-03-20", "2025-03-21"));
        marks.addAll(allDay(observance, "R", "2025-03-31"));
        marks.addAll(allDay(observance, "O", "2025-04-01", "2025-04-02"));
        fixtures().recordMarks(urn, marks);

        assertThat(read().threshold(urn, overstayed, FROM, TO).path("maxCountInAnyWindow").asInt()).isEqualTo(4);
        assertThat(read().threshold(urn, observance, FROM, TO).path("maxCountInAnyWindow").asInt()).isEqualTo(4);
    }

    @Test
    void tc40_suspension_adds_nothing_and_unattended_alternative_provision_meets_it_on_the_last_friday() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(allDay(upn, "E", "2025-03-10", "2025-03-11",
                "2025-03-12", "2025-03-13", "2025-03-14"));
        marks.addAll(allDay(upn, "O", "2025-03-17", "2025-03-18", "2025-03-19", "2025-03-20", "2025-03-21"));
        fixtures().recordMarks(urn, marks);

        JsonNode threshold = read().threshold(urn, upn, FROM, TO);

        assertThat(threshold.path("firstMetAt").path("date").asText()).isEqualTo("2025-03-21");
        assertThat(threshold.path("firstMetAt").path("session").asText()).isEqualTo("PM");
        assertThat(threshold.path("sessions").findValuesAsText("code")).containsOnly("O");
    }

    @Test
    void the_la_queue_lists_every_pupil_of_its_schools_who_met_the_threshold_in_the_period_with_the_evidence() {
        String la = ProjectionReader.newLaCode();
        String north = fixtures().exampleSchool(la);
        String south = fixtures().exampleSchool(la);
        String elsewhere = fixtures().exampleSchool(ProjectionReader.newLaCode());
        String autumn = fixtures().admit(north, "2024-09-04");
        String spring = fixtures().admit(south, "2024-09-04");
        String nine = fixtures().admit(south, "2024-09-04");
        String otherLa = fixtures().admit(elsewhere, "2024-09-04");
        fixtures().recordMarks(north, allDay(autumn, "G", "2024-10-07", "2024-10-08", "2024-10-09", "2024-10-10",
                "2024-10-11"));
        List<Map<String, Object>> southMarks = new ArrayList<>(allDay(spring, "O", "2025-03-17", "2025-03-18",
                "2025-03-19", "2025-03-20", "2025-03-21"));
        southMarks.addAll(allDay(nine, "O", "2025-03-17", "2025-03-18", "2025-03-19", "2025-03-20"));
        southMarks.add(mark(nine, "2025-03-21", "AM", "O"));
        fixtures().recordMarks(south, southMarks);
        fixtures().recordMarks(elsewhere, allDay(otherLa, "G", "2024-10-07", "2024-10-08", "2024-10-09",
                "2024-10-10", "2024-10-11"));

        JsonNode wholeYear = read().laThreshold(la, FROM, "2025-08-31");
        JsonNode springOnly = read().laThreshold(la, "2025-01-01", "2025-08-31");

        assertThat(wholeYear.path("items").findValuesAsText("upn")).containsExactly(autumn, spring);
        JsonNode southItem = wholeYear.path("items").get(1);
        assertThat(southItem.path("urn").asText()).isEqualTo(south);
        assertThat(southItem.path("met").asBoolean()).isTrue();
        assertThat(southItem.path("firstMetAt").path("date").asText()).isEqualTo("2025-03-21");
        assertThat(southItem.path("window").path("firstSchoolWeek").asText()).isEqualTo("2025-01-06");
        assertThat(southItem.path("sessions")).hasSize(10);
        assertThat(springOnly.path("items").findValuesAsText("upn")).containsExactly(spring);
    }

    /** TC-08's marks; the code of Fri 28 Feb AM is given (U, or L for TC-09). */
    private static List<Map<String, Object>> tc08Marks(String upn, String fridayMorning) {
        List<Map<String, Object>> marks = new ArrayList<>(allDay(upn, "G", "2025-02-04"));
        marks.add(mark(upn, "2025-02-05", "AM", "G"));
        marks.addAll(allDay(upn, "N", "2025-02-10"));
        marks.addAll(allDay(upn, "O", "2025-02-25"));
        marks.add(mark(upn, "2025-02-26", "AM", "O"));
        marks.add(mark(upn, "2025-02-27", "AM", "U"));
        marks.add(mark(upn, "2025-02-28", "AM", fridayMorning));
        marks.addAll(allDay(upn, "I", "2025-02-11", "2025-02-12"));
        marks.add(mark(upn, "2025-02-13", "AM", "L"));
        marks.add(mark(upn, "2025-02-14", "AM", "L"));
        return marks;
    }

    private void amendBothSessions(String urn, String upn, String date, String code) {
        for (String session : List.of("AM", "PM")) {
            var amended = fixtures().amend(urn, upn, date, session, code, "reason established", HEAD,
                    "2025-02-26T10:00:00Z");
            assertThat(amended.status()).as(amended.toString()).isEqualTo(201);
        }
    }
}
