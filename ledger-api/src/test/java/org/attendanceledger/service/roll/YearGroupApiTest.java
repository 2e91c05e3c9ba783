package org.attendanceledger.service.roll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.OFFICE;
import static org.attendanceledger.service.support.Fixtures.allDay;
import static org.attendanceledger.service.support.Fixtures.mark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.attendanceledger.service.support.ProjectionReader;
import org.junit.jupiter.api.Test;

/**
 * A stay's year group moves up every 1 September and may be overridden for one academic year; closures by year group
 * then apply to the pupil's year group on the session date, in validation and in the figures.
 */
class YearGroupApiTest extends LedgerApiTest {

    private static final String JULY_TRIP = "2025-07-15";
    private static final String SEPTEMBER_INDUCTION = "2025-09-10";

    @Test
    void an_admission_with_a_year_group_off_the_ladder_is_refused_naming_the_field_and_stores_nothing() {
        String urn = fixtures().exampleSchool();
        long before = eventCount();

        var refused = api().post("/api/v1/schools/" + urn + "/pupils", Map.of("upn", Fixtures.newUpn(),
                "startingDay", "2024-09-04", "yearGroup", "Year 7", "by", OFFICE));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.body().at("/errors/0/field").asText()).isEqualTo("yearGroup");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_closure_for_year_8_in_july_and_september_refuses_a_pupil_admitted_in_year_7_only_in_september() {
        String urn = schoolClosingYear8InJulyAndSeptember();
        String admittedInSeven = fixtures().admit(urn, "2024-09-04", "7");
        String admittedInEight = fixtures().admit(urn, "2024-09-04", "8");

        var seven = fixtures().postMarks(urn, List.of(mark(admittedInSeven, JULY_TRIP, "AM", "/"),
                mark(admittedInSeven, SEPTEMBER_INDUCTION, "AM", "/")));
        var eight = fixtures().postMarks(urn, List.of(mark(admittedInEight, JULY_TRIP, "AM", "/"),
                mark(admittedInEight, SEPTEMBER_INDUCTION, "AM", "/")));

        assertThat(seven.status()).isEqualTo(422);
        assertThat(seven.body().path("errors")).hasSize(1);
        assertThat(seven.body().at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(seven.body().at("/errors/0/code").asText()).isEqualTo("NO_SUCH_SESSION");
        assertThat(eight.status()).isEqualTo(422);
        assertThat(eight.body().path("errors")).hasSize(1);
        assertThat(eight.body().at("/errors/0/index").asInt()).isEqualTo(0);
        assertThat(eight.body().at("/errors/0/code").asText()).isEqualTo("NO_SUCH_SESSION");
    }

    @Test
    void an_exception_for_an_academic_year_moves_the_pupil_out_of_that_years_closures() {
        String urn = schoolClosingYear8InJulyAndSeptember();
        String keptBack = fixtures().admit(urn, "2024-09-04", "7");
        long before = eventCount();

        var recorded = recordYearGroup(urn, keptBack, "2025-26", "7");
        var retried = recordYearGroup(urn, keptBack, "2025-26", "7");
        var marked = fixtures().postMarks(urn, List.of(mark(keptBack, SEPTEMBER_INDUCTION, "AM", "/")));

        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        assertThat(recorded.body().at("/periods/0/yearGroupExceptions/2025-26").asText()).isEqualTo("7");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(marked.status()).as(marked.toString()).isEqualTo(200);
        assertThat(eventCount()).as("one exception event and one mark").isEqualTo(before + 2);
        var stored = jdbc.queryForMap("""
                SELECT payload_type, convert_from(payload, 'UTF8') AS payload FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""", urn + ":" + keptBack);
        assertThat(stored.get("payload_type").toString()).endsWith("YearGroupExceptionRecorded");
        assertThat(stored.get("payload").toString()).contains("\"previousYearGroup\":\"8\"", "\"yearGroup\":\"7\"",
                "\"reason\":\"kept back a year on the advice of the SENCO\"", "\"position\":\"Headteacher\"",
                "\"recordedAt\"");
    }

    @Test
    void the_figures_follow_the_year_group_on_the_date_and_an_exception_recorded_later_rechecks_them() {
        // The marks are taken before the school adds its induction day for year 8 to the calendar.
        String urn = fixtures().exampleSchool();
        String admittedInSeven = fixtures().admit(urn, "2024-09-04", "7");
        String admittedInEight = fixtures().admit(urn, "2024-09-04", "8");
        List<Map<String, Object>> marks = new ArrayList<>(allDay(admittedInSeven, "/", SEPTEMBER_INDUCTION));
        marks.addAll(allDay(admittedInEight, "/", SEPTEMBER_INDUCTION));
        fixtures().recordMarks(urn, marks);
        publish2025To26ClosingYear8(urn);
        ProjectionReader read = new ProjectionReader(api());

        int sevenThenEight = attended(read, urn, admittedInSeven);
        int eightThenNine = attended(read, urn, admittedInEight);
        var recorded = recordYearGroup(urn, admittedInSeven, "2025-26", "7");
        int keptInSeven = attended(read, urn, admittedInSeven);

        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        assertThat(sevenThenEight).as("in year 8 on the induction day, which is closed for year 8").isZero();
        assertThat(eightThenNine).isEqualTo(2);
        assertThat(keptInSeven).isEqualTo(2);
    }

    @Test
    void an_exception_needs_a_ladder_value_a_year_on_roll_and_a_known_pupil() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04", "7");
        long before = eventCount();

        var offLadder = recordYearGroup(urn, upn, "2025-26", "Y7");
        var notOnRoll = recordYearGroup(urn, upn, "2023-24", "6");
        var badYear = recordYearGroup(urn, upn, "2025-27", "8");
        var unknown = recordYearGroup(urn, Fixtures.newUpn(), "2025-26", "8");

        assertThat(offLadder.status()).isEqualTo(422);
        assertThat(offLadder.body().at("/errors/0/field").asText()).isEqualTo("yearGroup");
        assertThat(notOnRoll.status()).isEqualTo(422);
        assertThat(notOnRoll.errorCode()).isEqualTo("NOT_ON_ROLL");
        assertThat(badYear.status()).isEqualTo(422);
        assertThat(badYear.body().at("/errors/0/field").asText()).isEqualTo("academicYear");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("UNKNOWN_PUPIL");
        assertThat(eventCount()).isEqualTo(before);
    }

    private static int attended(ProjectionReader read, String urn, String upn) {
        return read.attendance(urn, upn, "2025-09-01", "2025-10-24").path("attendedSessions").asInt();
    }

    private LedgerClient.Response recordYearGroup(String urn, String upn, String academicYear, String yearGroup) {
        return api().put("/api/v1/schools/" + urn + "/pupils/" + upn + "/year-groups/" + academicYear,
                Map.of("yearGroup", yearGroup, "reason", "kept back a year on the advice of the SENCO", "by", HEAD));
    }

    private String schoolClosingYear8InJulyAndSeptember() {
        String urn = fixtures().school("201");
        List<Map<String, Object>> closures = new ArrayList<>(Fixtures.referenceClosures2024());
        closures.add(Map.of("date", JULY_TRIP, "session", "BOTH", "reason", "Year 8 trip", "yearGroups", List.of("8")));
        fixtures().publish(urn, "2024-25", Fixtures.referenceTerms2024(), closures);
        publish2025To26ClosingYear8(urn);
        return urn;
    }

    private void publish2025To26ClosingYear8(String urn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("terms", List.of(Fixtures.term("2025-09-03", "2025-10-24")));
        body.put("closures", List.of(Map.of("date", SEPTEMBER_INDUCTION, "session", "BOTH", "reason",
                "Year 8 induction elsewhere", "yearGroups", List.of("8"))));
        body.put("by", HEAD);
        body.put("reason", "induction day for year 8");
        var response = api().put("/api/v1/schools/" + urn + "/calendars/2025-26", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
