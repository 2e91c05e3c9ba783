package org.attendanceledger.service.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.allDay;
import static org.attendanceledger.service.support.Fixtures.mark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionReader;
import org.attendanceledger.service.support.ReferenceRegisters;
import org.junit.jupiter.api.Test;

/** Persistent and severe absence lists, per school and per LA, for an academic year up to a date. */
class AbsenceListApiTest extends LedgerApiTest {

    private ProjectionReader read() {
        return new ProjectionReader(api());
    }

    @Test
    void la_lists_cover_every_school_of_the_la_hold_the_severe_inside_the_persistent_and_leave_out_other_las() {
        String la = ProjectionReader.newLaCode();
        String north = fixtures().exampleSchool(la);
        String south = fixtures().exampleSchool(la);
        String elsewhere = fixtures().exampleSchool(ProjectionReader.newLaCode());
        String tenPercent = pupilWithAbsences(north, 38);
        String belowTenPercent = pupilWithAbsences(north, 37);
        String half = pupilWithAbsences(south, 190);
        String justUnderHalf = pupilWithAbsences(south, 189);
        String otherLa = pupilWithAbsences(elsewhere, 200);

        JsonNode persistent = read().laList(la, "persistent", "2024-25", "2025-08-31");
        JsonNode severe = read().laList(la, "severe", "2024-25", "2025-08-31");

        assertThat(upns(persistent)).containsExactlyInAnyOrder(tenPercent, half, justUnderHalf)
                .doesNotContain(belowTenPercent, otherLa);
        assertThat(upns(severe)).containsExactly(half);
        assertThat(upns(persistent)).containsAll(upns(severe));
        JsonNode tc18 = item(persistent, tenPercent);
        assertThat(tc18.path("urn").asText()).isEqualTo(north);
        assertThat(tc18.path("possibleSessions").asInt()).isEqualTo(380);
        assertThat(tc18.path("overallAbsenceSessions").asInt()).isEqualTo(38);
        assertThat(tc18.path("absencePercent").decimalValue()).isEqualByComparingTo("10.00");
        JsonNode tc20 = item(severe, half);
        assertThat(tc20.path("urn").asText()).isEqualTo(south);
        assertThat(tc20.path("overallAbsenceSessions").asInt()).isEqualTo(190);
        assertThat(tc20.path("absencePercent").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(item(persistent, justUnderHalf).path("absencePercent").decimalValue()).isEqualByComparingTo("49.74");
        assertThat(upns(read().schoolList(north, "persistent", "2024-25", "2025-08-31")))
                .containsExactly(tenPercent);
    }

    @Test
    void tc37_the_list_as_of_the_first_friday_holds_a_pupil_who_missed_one_session_of_six() {
        String urn = fixtures().exampleSchool(ProjectionReader.newLaCode());
        String upn = fixtures().admit(urn, "2024-09-04");
        String presentAllWeek = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(List.of(mark(upn, "2024-09-04", "AM", "I"),
                mark(upn, "2024-09-04", "PM", "\\")));
        marks.addAll(allDay(upn, "/", "2024-09-05", "2024-09-06", "2024-09-09", "2024-09-10"));
        marks.addAll(allDay(presentAllWeek, "/", "2024-09-04", "2024-09-05", "2024-09-06"));
        fixtures().recordMarks(urn, marks);

        JsonNode friday = read().schoolList(urn, "persistent", "2024-25", "2024-09-06");
        JsonNode tuesday = read().schoolList(urn, "persistent", "2024-25", "2024-09-10");

        assertThat(upns(friday)).containsExactly(upn);
        assertThat(item(friday, upn).path("possibleSessions").asInt()).isEqualTo(6);
        assertThat(item(friday, upn).path("overallAbsenceSessions").asInt()).isEqualTo(1);
        assertThat(item(friday, upn).path("absencePercent").decimalValue()).isEqualByComparingTo("16.67");
        assertThat(item(tuesday, upn).path("possibleSessions").asInt()).isEqualTo(10);
        assertThat(item(tuesday, upn).path("absencePercent").decimalValue()).isEqualByComparingTo("10.00");
    }

    @Test
    void absences_after_as_of_do_not_count_and_as_of_defaults_the_academic_year() {
        String urn = fixtures().exampleSchool(ProjectionReader.newLaCode());
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(upn, "I", "2024-09-04", "2024-09-05", "2024-12-16"));

        JsonNode early = read().schoolList(urn, "persistent", "2024-25", "2024-09-05");
        var byDefault = api().get("/api/v1/schools/" + urn + "/absence-lists/persistent?asOf=2024-09-05");

        assertThat(item(early, upn).path("overallAbsenceSessions").asInt()).isEqualTo(4);
        assertThat(item(early, upn).path("possibleSessions").asInt()).isEqualTo(4);
        assertThat(byDefault.status()).isEqualTo(200);
        assertThat(byDefault.body().path("academicYear").asText()).isEqualTo("2024-25");
        assertThat(upns(byDefault.body())).containsExactly(upn);
    }

    @Test
    void a_pupil_whose_only_marks_are_not_possible_sessions_is_on_no_list() {
        String urn = fixtures().exampleSchool(ProjectionReader.newLaCode());
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(upn, "X", "2024-09-04"));

        assertThat(upns(read().schoolList(urn, "persistent", "2024-25", "2024-09-04"))).isEmpty();
        assertThat(read().attendance(urn, upn, "2024-09-04", "2024-09-04").path("possibleSessions").asInt()).isZero();
    }

    /** A pupil on roll all 2024-25 with a full register: the first sessions absent (I), present at the rest. */
    private String pupilWithAbsences(String urn, int absences) {
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, ReferenceRegisters.year(upn).absent(absences, "I").marks());
        return upn;
    }

    static List<String> upns(JsonNode list) {
        return list.path("items").findValuesAsText("upn");
    }

    static JsonNode item(JsonNode list, String upn) {
        for (JsonNode item : list.path("items")) {
            if (item.path("upn").asText().equals(upn)) {
                return item;
            }
        }
        throw new AssertionError(upn + " is not on the list " + list);
    }
}
