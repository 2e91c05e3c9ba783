package org.attendanceledger.service.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.allDay;
import static org.attendanceledger.service.support.Fixtures.mark;
import static org.attendanceledger.service.support.Fixtures.with;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;

class MarkIngestTest extends LedgerApiTest {

    @Test
    void a_retried_post_with_the_same_idempotency_key_stores_one_event_and_answers_duplicate() {
        // TC-14: the MIS times out and retries the identical payload.
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        Map<String, Object> present = with(with(mark(pupil, "2024-10-01", "AM", "/"), "idempotencyKey", "K1"),
                "recordedAt", "2024-10-01T08:52:10+01:00");
        long before = eventCount();

        var first = fixtures().postMarks(urn, List.of(present));
        var retry = fixtures().postMarks(urn, List.of(present));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().at("/results/0/status").asText()).isEqualTo("RECORDED");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().at("/results/0/status").asText()).isEqualTo("DUPLICATE");
        assertThat(retry.body().at("/results/0/entryId").asText())
                .isEqualTo(first.body().at("/results/0/entryId").asText());
        assertThat(retry.body().at("/results/0/version").asLong()).isEqualTo(1);
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void the_same_idempotency_key_with_a_different_payload_is_a_conflict_never_an_amendment() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "/"), "idempotencyKey", "K1")));
        long before = eventCount();

        var reused = fixtures().postMarks(urn,
                List.of(with(mark(pupil, "2024-10-01", "AM", "N"), "idempotencyKey", "K1")));

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.errorCode()).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(reused.body().at("/errors/0/index").asInt()).isEqualTo(0);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(currentCode(urn, pupil, "2024-10-01", "AM")).isEqualTo("/");
    }

    @Test
    void reposting_the_original_entry_without_a_key_is_a_duplicate_too() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(pupil, "/", "2024-10-01"));
        long before = eventCount();

        var again = fixtures().postMarks(urn, allDay(pupil, "/", "2024-10-01"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().findValuesAsText("status")).containsOnly("DUPLICATE");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_different_code_for_an_existing_entry_is_refused_and_the_register_still_reads_the_original() {
        // TC-15: a silent overwrite attempt with a new key and no reason, name or position.
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "/")));
        long before = eventCount();

        var overwrite = fixtures().postMarks(urn,
                List.of(with(mark(pupil, "2024-10-01", "AM", "N"), "idempotencyKey", "K2")));

        assertThat(overwrite.status()).isEqualTo(409);
        assertThat(overwrite.errorCode()).isEqualTo("MARK_CONFLICT");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(currentCode(urn, pupil, "2024-10-01", "AM")).isEqualTo("/");
    }

    @Test
    void a_batch_with_one_conflicting_mark_stores_none_of_its_marks() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        String other = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "/")));
        long before = eventCount();

        var batch = fixtures().postMarks(urn, List.of(mark(other, "2024-10-01", "AM", "/"),
                mark(pupil, "2024-10-01", "AM", "O")));

        assertThat(batch.status()).isEqualTo(409);
        assertThat(batch.body().at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(register(urn, "2024-10-01", "AM").findValuesAsText("upn")).containsExactly(pupil);
    }

    @Test
    void the_same_session_twice_in_one_register_is_a_duplicate_if_identical_and_a_conflict_if_not() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        long before = eventCount();

        var twice = fixtures().postMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "/"),
                mark(pupil, "2024-10-01", "AM", "/")));
        var contradicting = fixtures().postMarks(urn, List.of(mark(pupil, "2024-10-02", "AM", "/"),
                mark(pupil, "2024-10-02", "AM", "N")));

        assertThat(twice.status()).isEqualTo(200);
        assertThat(twice.body().findValuesAsText("status")).containsExactly("RECORDED", "DUPLICATE");
        assertThat(contradicting.status()).isEqualTo(409);
        assertThat(contradicting.errorCode()).isEqualTo("MARK_CONFLICT");
        assertThat(contradicting.body().at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void an_invalid_batch_is_rejected_whole_naming_every_bad_item() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        String stranger = Fixtures.newUpn();
        String badUpn = pupil.substring(0, 12) + (pupil.charAt(12) == '1' ? '2' : '1');
        List<Map<String, Object>> marks = new ArrayList<>();
        marks.add(mark(pupil, "2024-10-01", "AM", "/"));                           // 0: fine
        marks.add(mark(stranger, "2024-10-01", "AM", "/"));                        // 1: not on roll
        marks.add(mark(pupil, "2024-10-02", "AM", "H"));                           // 2: H retired in 2024
        marks.add(mark(pupil, "2024-10-02", "PM", "A"));                           // 3: not a code
        marks.add(mark(pupil, "2024-10-05", "AM", "/"));                           // 4: a Saturday
        marks.add(with(mark(pupil, "2024-10-03", "AM", "/"), "minutesLate", 5));   // 5: minutes on a present mark
        marks.add(mark(pupil, "2026-10-01", "AM", "/"));                           // 6: no calendar for 2026-27
        marks.add(mark(badUpn, "2024-10-03", "PM", "/"));                          // 7: wrong check letter
        long before = eventCount();

        var response = fixtures().postMarks(urn, marks);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.isProblem()).isTrue();
        assertThat(errorsAt(response, 1)).contains("NOT_ON_ROLL");
        assertThat(errorsAt(response, 2)).contains("CODE_NOT_VALID_ON_DATE");
        assertThat(errorsAt(response, 3)).contains("INVALID_CODE");
        assertThat(errorsAt(response, 4)).contains("NO_SUCH_SESSION");
        assertThat(errorsAt(response, 5)).contains("MINUTES_LATE_NOT_ALLOWED");
        assertThat(errorsAt(response, 6)).contains("CALENDAR_NOT_PUBLISHED");
        assertThat(errorsAt(response, 7)).contains("INVALID_UPN");
        assertThat(errorsAt(response, 0)).isEmpty();
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_mark_on_an_inset_day_is_no_such_session_but_a_closure_mark_is_accepted() {
        // TC-16: Mon 24 Feb 2025 is an INSET day in the reference calendar.
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        var present = fixtures().postMarks(urn, List.of(mark(pupil, "2025-02-24", "AM", "/")));
        var closed = fixtures().postMarks(urn, allDay(pupil, "#", "2025-02-24"));

        assertThat(present.status()).isEqualTo(422);
        assertThat(present.errorCode()).isEqualTo("NO_SUCH_SESSION");
        assertThat(closed.status()).isEqualTo(200);
    }

    @Test
    void once_the_calendar_is_amended_to_open_the_day_marks_for_it_are_accepted() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        Map<String, Object> calendar = new LinkedHashMap<>();
        calendar.put("terms", Fixtures.referenceTerms2024());
        calendar.put("closures", Fixtures.referenceClosures2024().stream()
                .filter(c -> !"2025-02-24".equals(c.get("date"))).toList());
        calendar.put("by", Fixtures.HEAD);
        calendar.put("reason", "the school opened on 24 Feb; the INSET day moved");

        var amended = api().put("/api/v1/schools/" + urn + "/calendars/2024-25", calendar);
        var present = fixtures().postMarks(urn, List.of(mark(pupil, "2025-02-24", "AM", "/")));

        assertThat(amended.status()).isEqualTo(200);
        assertThat(present.status()).isEqualTo(200);
    }

    @Test
    void a_partial_closure_removes_the_sessions_of_that_year_group_only() {
        // TC-16: a staggered start closes Wed 4 Sep 2024 for Year 7 only.
        String urn = fixtures().school("201");
        List<Map<String, Object>> closures = new ArrayList<>(Fixtures.referenceClosures2024());
        closures.add(Map.of("date", "2024-09-04", "session", "BOTH", "reason", "staggered start",
                "yearGroups", List.of("7")));
        fixtures().publish(urn, "2024-25", Fixtures.referenceTerms2024(), closures);
        String year7 = fixtures().admit(urn, "2024-09-04", "7");
        String year8 = fixtures().admit(urn, "2024-09-04", "8");

        var year7Present = fixtures().postMarks(urn, List.of(mark(year7, "2024-09-04", "AM", "/")));
        var year8Present = fixtures().postMarks(urn, List.of(mark(year8, "2024-09-04", "AM", "/")));

        assertThat(year7Present.errorCode()).isEqualTo("NO_SUCH_SESSION");
        assertThat(year8Present.status()).isEqualTo(200);
    }

    @Test
    void legacy_codes_are_valid_for_sessions_before_19_august_2024_only() {
        String urn = fixtures().school("201");
        fixtures().publish(urn, "2023-24", List.of(Fixtures.term("2023-09-05", "2024-07-23")), List.of());
        String pupil = fixtures().admit(urn, "2023-09-05");

        var legacy = fixtures().postMarks(urn, List.of(mark(pupil, "2024-03-04", "AM", "H"),
                mark(pupil, "2024-03-04", "PM", "J"), mark(pupil, "2024-03-05", "AM", "Y")));
        var newCodesTooEarly = fixtures().postMarks(urn, List.of(mark(pupil, "2024-03-06", "AM", "J1"),
                mark(pupil, "2024-03-06", "PM", "Y2"), mark(pupil, "2024-03-07", "AM", "K")));

        assertThat(legacy.status()).isEqualTo(200);
        assertThat(newCodesTooEarly.status()).isEqualTo(422);
        assertThat(newCodesTooEarly.body().findValuesAsText("code")).containsOnly("CODE_NOT_VALID_ON_DATE");
        var history = api().get("/api/v1/schools/" + urn + "/marks/" + pupil + "/2024-03-04/AM/history");
        assertThat(history.body().at("/entries/0/codeSetVersion").asText()).isEqualTo("REG06-2016");
    }

    @Test
    void arrival_times_decide_l_against_u_at_the_register_clock() {
        // TC-26: AM register at 08:50, 30-minute window closing at 09:20 (exclusive by default).
        String urn = fixtures().exampleSchool();
        String early = fixtures().admit(urn, "2024-09-04");
        String onTheDot = fixtures().admit(urn, "2024-09-04");
        String late = fixtures().admit(urn, "2024-09-04");

        var accepted = fixtures().postMarks(urn, List.of(
                with(mark(early, "2024-10-01", "AM", "L"), "arrivalTime", "09:12"),
                with(mark(onTheDot, "2024-10-01", "AM", "U"), "arrivalTime", "09:20:00"),
                with(mark(late, "2024-10-01", "AM", "U"), "arrivalTime", "09:31")));
        var lAtClose = fixtures().postMarks(urn, List.of(
                with(mark(onTheDot, "2024-10-02", "AM", "L"), "arrivalTime", "09:20:00")));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(minutesLate(urn, "2024-10-01", "AM"))
                .containsEntry(early, 22).containsEntry(onTheDot, 30).containsEntry(late, 41);
        assertThat(lAtClose.status()).isEqualTo(422);
        assertThat(lAtClose.errorCode()).isEqualTo("LATE_CODE_CONTRADICTS_ARRIVAL");
    }

    @Test
    void a_school_whose_policy_counts_the_closing_instant_as_late_accepts_l_at_09_20() {
        // S4's wording: register at 09:00, "between 9.00 and 9.20 is L", so 09:20:00 itself is still late.
        String urn = fixtures().school("919", "09:00", 20, true);
        fixtures().publish(urn, "2024-25", Fixtures.referenceTerms2024(), Fixtures.referenceClosures2024());
        String pupil = fixtures().admit(urn, "2024-09-04");

        var atClose = fixtures().postMarks(urn, List.of(
                with(mark(pupil, "2024-10-01", "AM", "L"), "arrivalTime", "09:20:00")));

        assertThat(atClose.status()).as(atClose.toString()).isEqualTo(200);
        assertThat(minutesLate(urn, "2024-10-01", "AM")).containsEntry(pupil, 20);
    }

    @Test
    void minutes_late_are_accepted_on_l_and_u() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        var response = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "L"), "minutesLate", 12),
                with(mark(pupil, "2024-10-01", "PM", "U"), "minutesLate", 40)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(minutesLate(urn, "2024-10-01", "AM")).containsEntry(pupil, 12);
    }

    @Test
    void z_is_never_a_mark_for_a_pupil_on_roll_and_a_closure_mark_needs_a_closed_session() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        var notYetOnRoll = fixtures().postMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "Z")));
        var closureOnAnOpenDay = fixtures().postMarks(urn, List.of(mark(pupil, "2024-10-01", "PM", "#")));

        assertThat(notYetOnRoll.status()).isEqualTo(422);
        assertThat(notYetOnRoll.errorCode()).isEqualTo("CODE_NOT_FOR_PUPIL_ON_ROLL");
        assertThat(closureOnAnOpenDay.status()).isEqualTo(422);
        assertThat(closureOnAnOpenDay.errorCode()).isEqualTo("NO_PLANNED_CLOSURE");
    }

    @Test
    void a_value_of_the_wrong_kind_in_one_item_is_422_naming_the_item_and_field() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        var badDate = fixtures().postMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "/"),
                with(mark(pupil, "2024-10-01", "PM", "/"), "date", "2024-02-30")));
        var badSession = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "/"),
                "session", "EVENING")));

        assertThat(badDate.status()).isEqualTo(422);
        assertThat(badDate.body().at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(badDate.body().at("/errors/0/field").asText()).isEqualTo("date");
        assertThat(badSession.status()).isEqualTo(422);
        assertThat(badSession.body().at("/errors/0/field").asText()).isEqualTo("session");
    }

    @Test
    void late_codes_contradict_an_arrival_before_the_register_began_and_marks_cannot_come_from_the_future() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        var early = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "L"), "arrivalTime",
                "08:45")));
        var future = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "/"), "recordedAt",
                java.time.Instant.now().plus(java.time.Duration.ofDays(2)).toString())));

        assertThat(early.errorCode()).isEqualTo("LATE_CODE_CONTRADICTS_ARRIVAL");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.body().at("/errors/0/field").asText()).isEqualTo("recordedAt");
    }

    @Test
    void malformed_json_is_a_bad_request_as_problem_json() {
        String urn = fixtures().exampleSchool();

        var response = api().postRaw("/api/v1/schools/" + urn + "/marks", "{\"marks\": [ {\"upn\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.errorCode()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void marks_for_an_unknown_school_are_not_found() {
        var response = fixtures().postMarks("999999", List.of(mark(Fixtures.newUpn(), "2024-10-01", "AM", "/")));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("UNKNOWN_SCHOOL");
    }

    @Test
    void a_mark_without_the_recorder_s_position_is_refused() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");

        var response = fixtures().postMarks(urn, List.of(with(mark(pupil, "2024-10-01", "AM", "/"), "recordedBy",
                Map.of("name", "Tom Teacher"))));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().at("/errors/0/field").asText()).isEqualTo("recordedBy");
    }

    private List<String> errorsAt(org.attendanceledger.service.support.LedgerClient.Response response, int index) {
        List<String> codes = new ArrayList<>();
        response.body().path("errors").forEach(error -> {
            if (error.path("index").asInt(-1) == index) {
                codes.add(error.path("code").asText());
            }
        });
        return codes;
    }

    private com.fasterxml.jackson.databind.JsonNode register(String urn, String date, String session) {
        return api().get("/api/v1/schools/" + urn + "/registers/" + date + "/" + session).body().path("marks");
    }

    private String currentCode(String urn, String upn, String date, String session) {
        for (var mark : register(urn, date, session)) {
            if (mark.path("upn").asText().equals(upn)) {
                return mark.path("code").asText();
            }
        }
        return null;
    }

    private Map<String, Integer> minutesLate(String urn, String date, String session) {
        Map<String, Integer> minutes = new LinkedHashMap<>();
        register(urn, date, session).forEach(m -> minutes.put(m.path("upn").asText(), m.path("minutesLate").asInt()));
        return minutes;
    }
}
