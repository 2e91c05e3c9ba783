package org.attendanceledger.service.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.TEACHER;
import static org.attendanceledger.service.support.Fixtures.actor;
import static org.attendanceledger.service.support.Fixtures.allDay;
import static org.attendanceledger.service.support.Fixtures.mark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;

class AmendmentTest extends LedgerApiTest {

    private static final Map<String, String> UNGRANTED = actor("Una Granted", "Teaching assistant", "S-TA");

    @Test
    void an_amendment_with_all_five_items_keeps_the_original_entry_in_the_chain() {
        // TC-15: the same change, now with reason, date, name and position, made by an authorised person.
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "/")));

        var amended = fixtures().amend(urn, pupil, "2024-10-01", "AM", "N", "marked present in error",
                HEAD, "2024-10-01T10:05:00+01:00");

        assertThat(amended.status()).as(amended.toString()).isEqualTo(201);
        assertThat(amended.body().path("version").asLong()).isEqualTo(2);
        assertThat(amended.body().path("previousCode").asText()).isEqualTo("/");
        assertThat(amended.body().path("code").asText()).isEqualTo("N");
        JsonNode entries = history(urn, pupil, "2024-10-01", "AM").path("entries");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(entries.get(0).path("kind").asText()).isEqualTo("RECORDED");
        assertThat(entries.get(0).path("code").asText()).isEqualTo("/");
        assertThat(entries.get(0).path("by").path("name").asText()).isEqualTo("Tom Teacher");
        JsonNode amendment = entries.get(1);
        assertThat(amendment.path("kind").asText()).isEqualTo("AMENDED");
        assertThat(amendment.path("previousCode").asText()).isEqualTo("/");
        assertThat(amendment.path("code").asText()).isEqualTo("N");
        assertThat(amendment.path("reason").asText()).isEqualTo("marked present in error");
        assertThat(amendment.path("by").path("name").asText()).isEqualTo("Ann Head");
        assertThat(amendment.path("by").path("position").asText()).isEqualTo("Headteacher");
        assertThat(amendment.path("at").asText()).isEqualTo("2024-10-01T09:05:00Z");
        assertThat(amendment.path("receivedAt").asText()).isNotBlank();
    }

    @Test
    void an_amendment_missing_any_audit_item_is_refused_and_stores_nothing() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "N")));
        long before = eventCount();

        var noReason = fixtures().amend(urn, pupil, "2024-10-01", "AM", "O", " ", TEACHER, "2024-10-08T09:00:00Z");
        var noPosition = fixtures().amend(urn, pupil, "2024-10-01", "AM", "O", "no reason given",
                Map.of("name", "Tom Teacher"), "2024-10-08T09:00:00Z");
        var noName = fixtures().amend(urn, pupil, "2024-10-01", "AM", "O", "no reason given",
                Map.of("position", "Class teacher"), "2024-10-08T09:00:00Z");
        var noDate = fixtures().amend(urn, pupil, "2024-10-01", "AM", "O", "no reason given", TEACHER, null);

        for (var response : List.of(noReason, noPosition, noName, noDate)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(422);
            assertThat(response.errorCode()).isEqualTo("AMENDMENT_FIELDS_MISSING");
        }
        assertThat(noPosition.body().at("/errors/0/field").asText()).isEqualTo("amendedBy.position");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void amending_a_session_with_no_original_entry_is_not_found() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        var response = fixtures().amend(urn, pupil, "2024-10-01", "AM", "O", "late", TEACHER, "2024-10-08T09:00:00Z");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("NO_ORIGINAL_ENTRY");
    }

    @Test
    void a_stale_expected_version_is_a_version_conflict() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "N")));
        fixtures().amend(urn, pupil, "2024-10-01", "AM", "O", "no reason received", TEACHER, "2024-10-08T09:00:00Z");
        Map<String, Object> body = amendment("G", "holiday confirmed", TEACHER, "2024-10-09T09:00:00Z");
        body.put("expectedVersion", 1);

        var stale = post(urn, pupil, "2024-10-01", "AM", body);
        body.put("expectedVersion", 2);
        var current = post(urn, pupil, "2024-10-01", "AM", body);

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("VERSION_CONFLICT");
        assertThat(current.status()).isEqualTo(201);
        assertThat(current.body().path("version").asLong()).isEqualTo(3);
    }

    @Test
    void changing_between_authorised_and_unauthorised_needs_an_authorise_absence_grant_on_that_date() {
        // TC-13: illness re-coded as holiday; only an authorised person may decide it.
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2025-03-17");
        fixtures().recordMarks(urn, allDay(pupil, "I", "2025-03-10"));
        long before = eventCount();

        var byTeacher = fixtures().amend(urn, pupil, "2025-03-10", "AM", "G", "evidence of a holiday",
                UNGRANTED, "2025-03-17T09:00:00Z");
        var beforeTheGrant = fixtures().amend(urn, pupil, "2025-03-10", "AM", "G", "evidence of a holiday",
                HEAD, "2025-03-16T09:00:00Z");
        var byHead = fixtures().amend(urn, pupil, "2025-03-10", "AM", "G", "evidence of a holiday",
                HEAD, "2025-03-17T09:00:00Z");

        assertThat(byTeacher.status()).isEqualTo(403);
        assertThat(byTeacher.errorCode()).isEqualTo("ACTOR_NOT_AUTHORISED");
        assertThat(beforeTheGrant.status()).isEqualTo(403);
        assertThat(byHead.status()).isEqualTo(201);
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void authorising_an_absence_or_withdrawing_an_authorisation_needs_a_grant_whatever_the_other_code() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "/"), mark(pupil, "2024-10-01", "PM", "I")));

        var presentToIll = fixtures().amend(urn, pupil, "2024-10-01", "AM", "I", "was ill after all",
                UNGRANTED, "2024-10-02T09:00:00Z");
        var illToPresent = fixtures().amend(urn, pupil, "2024-10-01", "PM", "\\", "was in after all",
                UNGRANTED, "2024-10-02T09:00:00Z");

        assertThat(presentToIll.status()).isEqualTo(403);
        assertThat(presentToIll.body().path("code").asText()).isEqualTo("ACTOR_NOT_AUTHORISED");
        assertThat(illToPresent.status()).isEqualTo(403);
    }

    @Test
    void correcting_an_unexplained_absence_to_late_or_present_or_another_unauthorised_code_needs_no_grant() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "N"), mark(pupil, "2024-10-01", "PM", "N"),
                mark(pupil, "2024-10-02", "AM", "/")));

        var nToLate = fixtures().amend(urn, pupil, "2024-10-01", "AM", "L", "arrived before the register closed",
                UNGRANTED, "2024-10-01T09:30:00Z");
        var nToHoliday = fixtures().amend(urn, pupil, "2024-10-01", "PM", "G", "holiday, leave never requested",
                UNGRANTED, "2024-10-08T09:00:00Z");
        var presentToUnauthorised = fixtures().amend(urn, pupil, "2024-10-02", "AM", "O", "left site",
                UNGRANTED, "2024-10-02T11:00:00Z");

        assertThat(nToLate.status()).isEqualTo(201);
        assertThat(nToHoliday.status()).isEqualTo(201);
        assertThat(presentToUnauthorised.status()).isEqualTo(201);
    }

    @Test
    void a_person_giving_a_staff_id_must_be_its_holder() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "N"), mark(pupil, "2024-10-01", "PM", "N")));
        Map<String, String> borrowing = actor("Tom Teacher", "Class teacher", HEAD.get("staffId"));

        var borrowed = fixtures().amend(urn, pupil, "2024-10-01", "AM", "I", "parent rang", borrowing,
                "2024-10-02T09:00:00Z");
        var routine = fixtures().amend(urn, pupil, "2024-10-01", "PM", "O", "no reason given", borrowing,
                "2024-10-08T09:00:00Z");

        assertThat(borrowed.status()).isEqualTo(422);
        assertThat(borrowed.body().path("code").asText()).isEqualTo("ACTOR_MISMATCH");
        assertThat(routine.status()).isEqualTo(422);
        assertThat(routine.body().path("code").asText()).isEqualTo("ACTOR_MISMATCH");
        assertThat(history(urn, pupil, "2024-10-01", "AM").path("entries")).hasSize(1);
    }

    @Test
    void a_change_within_the_unauthorised_family_needs_no_grant_but_one_within_the_authorised_family_does() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "N"), mark(pupil, "2024-10-01", "PM", "I")));

        var nToO = fixtures().amend(urn, pupil, "2024-10-01", "AM", "O", "no reason after 5 school days",
                UNGRANTED, "2024-10-08T09:00:00Z");
        var iToM = fixtures().amend(urn, pupil, "2024-10-01", "PM", "M", "it was a dental appointment",
                UNGRANTED, "2024-10-02T09:00:00Z");

        assertThat(nToO.status()).isEqualTo(201);
        assertThat(iToM.status()).isEqualTo(403);
    }

    @Test
    void a_retried_amendment_stores_nothing_twice() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "N")));
        Map<String, Object> body = amendment("O", "no reason received", TEACHER, "2024-10-08T09:00:00Z");
        body.put("expectedVersion", 1);

        var first = post(urn, pupil, "2024-10-01", "AM", body);
        long after = eventCount();
        var retry = post(urn, pupil, "2024-10-01", "AM", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().path("version").asLong()).isEqualTo(2);
        assertThat(eventCount()).isEqualTo(after);
        assertThat(history(urn, pupil, "2024-10-01", "AM").path("entries")).hasSize(2);
    }

    @Test
    void an_amendment_uses_the_code_set_of_the_session_date_not_of_the_amendment_date() {
        String urn = fixtures().school("201");
        fixtures().publish(urn, "2023-24", List.of(org.attendanceledger.service.support.Fixtures.term(
                "2023-09-05", "2024-07-23")), List.of());
        String pupil = fixtures().admit(urn, "2023-09-05");
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2023-09-01");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-03-04", "AM", "O")));

        var toLegacyH = fixtures().amend(urn, pupil, "2024-03-04", "AM", "H", "holiday agreed in advance",
                HEAD, "2025-10-06T09:00:00Z");
        var toNewC1 = fixtures().amend(urn, pupil, "2024-03-04", "AM", "C1", "licensed performance",
                HEAD, "2025-10-06T09:05:00Z");

        assertThat(toLegacyH.status()).as(toLegacyH.toString()).isEqualTo(201);
        assertThat(toNewC1.status()).isEqualTo(422);
        assertThat(toNewC1.errorCode()).isEqualTo("CODE_NOT_VALID_ON_DATE");
    }

    @Test
    void an_amendment_that_changes_nothing_is_refused() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "N")));

        var same = fixtures().amend(urn, pupil, "2024-10-01", "AM", "N", "still no reason", TEACHER,
                "2024-10-02T09:00:00Z");

        assertThat(same.status()).isEqualTo(422);
    }

    @Test
    void an_amendment_must_be_dated_between_its_session_and_now() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "N")));

        var beforeSession = fixtures().amend(urn, pupil, "2024-10-01", "AM", "O", "no reason", TEACHER,
                "2024-09-30T09:00:00Z");
        var inFuture = fixtures().amend(urn, pupil, "2024-10-01", "AM", "O", "no reason", TEACHER,
                java.time.Instant.now().plus(java.time.Duration.ofDays(3)).toString());

        assertThat(beforeSession.status()).isEqualTo(422);
        assertThat(beforeSession.body().at("/errors/0/field").asText()).isEqualTo("amendedAt");
        assertThat(inFuture.status()).isEqualTo(422);
    }

    @Test
    void an_amendment_to_z_is_refused() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "N")));

        var toZ = fixtures().amend(urn, pupil, "2024-10-01", "AM", "Z", "not on roll yet", HEAD,
                "2024-10-02T09:00:00Z");

        assertThat(toZ.errorCode()).isEqualTo("CODE_NOT_FOR_PUPIL_ON_ROLL");
    }

    @Test
    void a_history_for_a_malformed_upn_is_invalid_upn() {
        String urn = fixtures().exampleSchool();

        var response = api().get("/api/v1/schools/" + urn + "/marks/X1234/2024-10-01/AM/history");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorCode()).isEqualTo("INVALID_UPN");
    }

    @Test
    void the_history_of_a_session_with_no_entry_is_not_found() {
        String urn = fixtures().exampleSchool();

        var response = api().get("/api/v1/schools/" + urn + "/marks/" + org.attendanceledger.service.support
                .Fixtures.newUpn() + "/2024-10-01/AM/history");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("NO_ORIGINAL_ENTRY");
    }

    private static Map<String, Object> amendment(String code, String reason, Map<String, String> by, String at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("reason", reason);
        body.put("amendedBy", by);
        body.put("amendedAt", at);
        return body;
    }

    private org.attendanceledger.service.support.LedgerClient.Response post(String urn, String upn, String date,
                                                                             String session, Map<String, Object> body) {
        return api().post("/api/v1/schools/" + urn + "/marks/" + upn + "/" + date + "/" + session + "/amendments",
                body);
    }

    private JsonNode history(String urn, String upn, String date, String session) {
        return api().get("/api/v1/schools/" + urn + "/marks/" + upn + "/" + date + "/" + session + "/history").body();
    }
}
