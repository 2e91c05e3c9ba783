package org.attendanceledger.service.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.allDay;
import static org.attendanceledger.service.support.Fixtures.mark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;

/**
 * Rules 6.1: possible sessions are the sessions whose mark is present, an approved activity or an absence. A blank is
 * not possible, attended or absent: the figures count it as unmarked and, once its register closed, it is a missing
 * mark for the school and the LA.
 */
class PossibleSessionsApiTest extends LedgerApiTest {

    @Test
    void an_unmarked_session_is_neither_possible_attended_nor_absent_but_unmarked() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-09-04", "AM", "/"), mark(pupil, "2024-09-04", "PM", "I"),
                mark(pupil, "2024-09-05", "AM", "/")));

        JsonNode figures = attendance(urn, pupil, "from=2024-09-04&to=2024-09-06");

        assertThat(figures.path("possibleSessions").asInt()).isEqualTo(3);
        assertThat(figures.path("attendedSessions").asInt()).isEqualTo(2);
        assertThat(figures.path("overallAbsenceSessions").asInt()).isEqualTo(1);
        assertThat(figures.path("unmarkedSessions").asInt()).isEqualTo(3);
    }

    @Test
    void a_period_that_runs_past_today_stops_at_today() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        JsonNode figures = attendance(urn, pupil, "from=2024-09-04&to=2099-07-01");

        assertThat(LocalDate.parse(figures.path("to").asText()))
                .isEqualTo(LedgerClock.localDate(java.time.Instant.now()));
    }

    @Test
    void the_absence_lists_count_only_marked_sessions_as_possible() {
        String urn = fixtures().exampleSchool("914");
        String twoDaysIll = fixtures().admit(urn, "2024-09-04");
        String present = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(twoDaysIll, "I", "2024-09-04", "2024-09-05"));
        fixtures().recordMarks(urn, allDay(present, "/", "2024-09-04", "2024-09-05"));

        JsonNode severe = api().get("/api/v1/las/914/absence-lists/severe?academicYear=2024-25&asOf=2025-08-31")
                .body().path("items");

        assertThat(severe).hasSize(1);
        assertThat(severe.get(0).path("upn").asText()).isEqualTo(twoDaysIll);
        assertThat(severe.get(0).path("possibleSessions").asInt()).isEqualTo(4);
        assertThat(severe.get(0).path("absencePercent").decimalValue()).isEqualByComparingTo("100");
    }

    @Test
    void missing_marks_list_each_closed_session_with_the_pupils_who_have_no_mark_for_the_school_and_the_la() {
        String urn = fixtures().exampleSchool("913");
        String partly = fixtures().admit(urn, "2024-09-04");
        String complete = fixtures().admit(urn, "2024-09-04");
        String joiner = fixtures().admit(urn, "2024-09-06");
        String otherSchool = fixtures().exampleSchool("913");
        String elsewhere = fixtures().admit(otherSchool, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(allDay(complete, "/", "2024-09-04", "2024-09-05",
                "2024-09-06"));
        marks.addAll(List.of(mark(partly, "2024-09-04", "AM", "/"), mark(partly, "2024-09-04", "PM", "I"),
                mark(partly, "2024-09-05", "AM", "N")));
        fixtures().recordMarks(urn, marks);
        fixtures().recordMarks(otherSchool, allDay(elsewhere, "/", "2024-09-04", "2024-09-05"));

        JsonNode school = api().get("/api/v1/schools/" + urn + "/missing-marks?from=2024-09-04&to=2024-09-06").body();
        JsonNode la = api().get("/api/v1/las/913/missing-marks?from=2024-09-04&to=2024-09-06").body();

        assertThat(school.path("missingMarks").asInt()).as(school.toString()).isEqualTo(5);
        JsonNode sessions = school.path("sessions");
        assertThat(sessions).hasSize(3);
        assertThat(sessions.get(0).path("date").asText()).isEqualTo("2024-09-05");
        assertThat(sessions.get(0).path("session").asText()).isEqualTo("PM");
        assertThat(sessions.get(0).path("upns")).extracting(JsonNode::asText).containsExactly(partly);
        assertThat(sessions.get(1).path("upns")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(partly, joiner);
        assertThat(la.path("missingMarks").asInt()).isEqualTo(5 + 2);
        assertThat(la.path("schools")).hasSize(2);
        assertThat(attendance(urn, partly, "from=2024-09-04&to=2024-09-06").path("unmarkedSessions").asInt())
                .isEqualTo(3);
    }

    private JsonNode attendance(String urn, String upn, String query) {
        var response = api().get("/api/v1/schools/" + urn + "/pupils/" + upn + "/attendance?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }
}
