package org.attendanceledger.service.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.OFFICE;
import static org.attendanceledger.service.support.Fixtures.allDay;
import static org.attendanceledger.service.support.Fixtures.closure;
import static org.attendanceledger.service.support.Fixtures.mark;
import static org.attendanceledger.service.support.Fixtures.term;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;

class SchoolSetupTest extends LedgerApiTest {

    @Test
    void a_register_window_over_thirty_minutes_is_refused_and_stores_nothing() {
        long before = eventCount();
        var response = api().post("/api/v1/schools", Map.of("urn", "700045", "name", "Slow School", "laCode", "201",
                "amRegisterStart", "08:50", "pmRegisterStart", "13:15", "registerWindowMinutes", 45));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.errorCode()).isEqualTo("WINDOW_OVER_30_MIN");
        assertThat(response.body().at("/errors/0/field").asText()).isEqualTo("registerWindowMinutes");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(api().get("/api/v1/schools/700045").status()).isEqualTo(404);
    }

    @Test
    void a_window_of_exactly_thirty_minutes_is_accepted() {
        String urn = fixtures().school("202");

        var school = api().get("/api/v1/schools/" + urn);

        assertThat(school.status()).isEqualTo(200);
        assertThat(school.body().path("registerWindowMinutes").asInt()).isEqualTo(30);
        assertThat(school.body().path("laCode").asText()).isEqualTo("202");
    }

    @Test
    void registering_the_same_urn_twice_is_a_conflict() {
        String urn = fixtures().school("201");

        var again = api().post("/api/v1/schools", Map.of("urn", urn, "name", "Again", "laCode", "201",
                "amRegisterStart", "08:50", "pmRegisterStart", "13:15", "registerWindowMinutes", 20));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("SCHOOL_EXISTS");
    }

    @Test
    void a_school_needs_a_six_digit_urn_and_a_three_digit_la_code() {
        var response = api().post("/api/v1/schools", Map.of("urn", "12", "name", "Bad", "laCode", "2010",
                "amRegisterStart", "08:50", "pmRegisterStart", "13:15", "registerWindowMinutes", 20));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.body().findValuesAsText("field")).contains("urn", "laCode");
    }

    @Test
    void the_reference_calendar_has_380_pupil_sessions() {
        String urn = fixtures().exampleSchool();

        var calendar = api().get("/api/v1/schools/" + urn + "/calendars/2024-25");

        assertThat(calendar.status()).isEqualTo(200);
        assertThat(calendar.body().path("pupilSessions").asInt()).isEqualTo(380);
    }

    @Test
    void republishing_a_calendar_is_an_amendment_that_needs_a_reason() {
        String urn = fixtures().exampleSchool();
        List<Map<String, Object>> opened = List.of(closure("2025-01-06", "BOTH", "INSET"),
                closure("2025-05-05", "BOTH", "Bank holiday"), closure("2025-06-02", "BOTH", "INSET"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("terms", Fixtures.referenceTerms2024());
        body.put("closures", opened);
        body.put("by", HEAD);

        var withoutReason = api().put("/api/v1/schools/" + urn + "/calendars/2024-25", body);
        body.put("reason", "school opened on 24 Feb after all");
        var withReason = api().put("/api/v1/schools/" + urn + "/calendars/2024-25", body);

        assertThat(withoutReason.status()).isEqualTo(422);
        assertThat(withoutReason.errorCode()).isEqualTo("AMENDMENT_FIELDS_MISSING");
        assertThat(withReason.status()).isEqualTo(200);
        assertThat(withReason.body().path("result").asText()).isEqualTo("AMENDED");
        assertThat(withReason.body().path("version").asLong()).isEqualTo(2);
        assertThat(withReason.body().path("pupilSessions").asInt()).isEqualTo(382);
    }

    @Test
    void publishing_the_same_calendar_again_stores_nothing() {
        String urn = fixtures().exampleSchool();
        long before = eventCount();

        fixtures().publish(urn, "2024-25", Fixtures.referenceTerms2024(), Fixtures.referenceClosures2024());

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_term_outside_the_academic_year_is_refused() {
        String urn = fixtures().school("201");
        Map<String, Object> body = Map.of("terms", List.of(term("2025-09-03", "2025-10-24")), "by", HEAD);

        var response = api().put("/api/v1/schools/" + urn + "/calendars/2024-25", body);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void admitting_a_pupil_already_on_roll_is_a_conflict() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");

        var again = api().post("/api/v1/schools/" + urn + "/pupils",
                Map.of("upn", upn, "startingDay", "2024-10-01", "by", OFFICE));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("ALREADY_ON_ROLL");
    }

    @Test
    void a_upn_with_a_wrong_check_letter_is_refused() {
        String urn = fixtures().exampleSchool();
        String upn = Fixtures.newUpn();
        String wrong = (upn.charAt(0) == 'A' ? "B" : "A") + upn.substring(1);

        var response = api().post("/api/v1/schools/" + urn + "/pupils",
                Map.of("upn", wrong, "startingDay", "2024-09-04", "by", OFFICE));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorCode()).isEqualTo("INVALID_UPN");
    }

    @Test
    void a_deleted_pupil_is_on_roll_through_the_last_day_and_not_after() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");

        var deletion = api().post("/api/v1/schools/" + urn + "/pupils/" + upn + "/deletion",
                Map.of("lastDayOnRoll", "2024-10-04", "ground", "MOVED_AWAY", "reason", "family moved to Leeds",
                        "by", OFFICE));
        var onLastDay = fixtures().postMarks(urn, List.of(mark(upn, "2024-10-04", "PM", "/")));
        var dayAfter = fixtures().postMarks(urn, List.of(mark(upn, "2024-10-07", "AM", "/")));

        assertThat(deletion.status()).isEqualTo(200);
        assertThat(onLastDay.status()).isEqualTo(200);
        assertThat(dayAfter.status()).isEqualTo(422);
        assertThat(dayAfter.errorCode()).isEqualTo("NOT_ON_ROLL");
    }

    @Test
    void a_pupil_who_left_can_be_admitted_again_later() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        api().post("/api/v1/schools/" + urn + "/pupils/" + upn + "/deletion",
                Map.of("lastDayOnRoll", "2024-10-04", "ground", "MOVED_AWAY", "reason", "moved", "by", OFFICE));

        var back = api().post("/api/v1/schools/" + urn + "/pupils",
                Map.of("upn", upn, "startingDay", "2025-01-07", "by", OFFICE));
        var gap = fixtures().postMarks(urn, List.of(mark(upn, "2024-11-05", "AM", "/")));
        var afterReturn = fixtures().postMarks(urn, allDay(upn, "/", "2025-01-07"));

        assertThat(back.status()).isEqualTo(201);
        assertThat(back.body().path("periods")).hasSize(2);
        assertThat(gap.errorCode()).isEqualTo("NOT_ON_ROLL");
        assertThat(afterReturn.status()).isEqualTo(200);
    }

    @Test
    void retried_grants_and_deletions_store_nothing_twice() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        Map<String, Object> grant = Map.of("staffId", "S-SAL", "name", "Sam Lead", "position", "Senior attendance lead",
                "scopes", List.of("AUTHORISE_ABSENCE", "GRANT_LEAVE"), "from", "2024-09-01", "by", HEAD);
        Map<String, Object> deletion = Map.of("lastDayOnRoll", "2024-10-04", "ground", "MOVED_AWAY",
                "reason", "moved", "by", OFFICE);

        var firstGrant = api().post("/api/v1/schools/" + urn + "/staff-grants", grant);
        var firstDeletion = api().post("/api/v1/schools/" + urn + "/pupils/" + upn + "/deletion", deletion);
        long before = eventCount();
        var retriedGrant = api().post("/api/v1/schools/" + urn + "/staff-grants", grant);
        var retriedDeletion = api().post("/api/v1/schools/" + urn + "/pupils/" + upn + "/deletion", deletion);

        assertThat(firstGrant.status()).isEqualTo(201);
        assertThat(retriedGrant.status()).isEqualTo(200);
        assertThat(retriedGrant.body().path("grantId").asText()).isEqualTo(firstGrant.body().path("grantId").asText());
        assertThat(firstDeletion.status()).isEqualTo(200);
        assertThat(retriedDeletion.status()).isEqualTo(200);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void deleting_an_unknown_pupil_is_not_found() {
        String urn = fixtures().exampleSchool();

        var response = api().post("/api/v1/schools/" + urn + "/pupils/" + Fixtures.newUpn() + "/deletion",
                Map.of("lastDayOnRoll", "2024-10-04", "ground", "MOVED_AWAY", "reason", "moved", "by", OFFICE));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("UNKNOWN_PUPIL");
    }
}
