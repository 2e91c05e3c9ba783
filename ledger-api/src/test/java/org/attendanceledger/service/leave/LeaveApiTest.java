package org.attendanceledger.service.leave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.TEACHER;
import static org.attendanceledger.service.support.Fixtures.mark;
import static org.attendanceledger.service.support.Fixtures.with;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Instant;
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

/** Leave of absence through HTTP (contract "Leave of absence", rules 5). */
class LeaveApiTest extends LedgerApiTest {

    /** A school whose calendar covers a school day at least a week ahead, with a pupil and a GRANT_LEAVE holder. */
    private record Ahead(String urn, String upn, LocalDate day) {

        String base() {
            return "/api/v1/schools/" + urn;
        }
    }

    private Ahead ahead() {
        LocalDate day = LedgerClock.localDate(Instant.now()).plusDays(7);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        AcademicYear year = AcademicYear.containing(day);
        String urn = fixtures().school("201");
        fixtures().publish(urn, year.toString(),
                List.of(Fixtures.term(year.firstDay().toString(), year.lastDay().toString())), List.of());
        String upn = fixtures().admit(urn, year.firstDay().toString());
        fixtures().grant(urn, HEAD, "GRANT_LEAVE", year.firstDay().toString());
        return new Ahead(urn, upn, day);
    }

    private LedgerClient.Response request(String urn, String upn, String fromDate, String toDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("upn", upn);
        body.put("from", Map.of("date", fromDate, "session", "AM"));
        body.put("to", Map.of("date", toDate, "session", "PM"));
        body.put("circumstance", "grandparent's funeral abroad");
        body.put("requestedBy", "parent");
        body.put("by", Fixtures.OFFICE);
        return api().post("/api/v1/schools/" + urn + "/leave-requests", body);
    }

    private LedgerClient.Response decide(String urn, String id, String decision, String code,
                                         Map<String, String> by) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (code != null) {
            body.put("code", code);
        }
        body.put("reason", "exceptional circumstances");
        body.put("decidedBy", by);
        body.put("decidedAt", Instant.now().toString());
        return api().post("/api/v1/schools/" + urn + "/leave-requests/" + id + "/decision", body);
    }

    private JsonNode leaveWithoutDecision(Ahead a) {
        var response = api().get(a.base() + "/leave-without-decision?from=" + a.day() + "&to=" + a.day());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body().path("items");
    }

    @Test
    void leave_codes_without_a_grant_are_listed_until_granted_and_again_once_the_grant_is_withdrawn() {
        Ahead a = ahead();
        String now = Instant.now().toString();
        fixtures().recordMarks(a.urn(), List.of(with(mark(a.upn(), a.day().toString(), "AM", "C"), "recordedAt", now),
                with(mark(a.upn(), a.day().toString(), "PM", "C"), "recordedAt", now)));
        var requested = request(a.urn(), a.upn(), a.day().toString(), a.day().toString());
        String id = requested.body().path("id").asText();

        JsonNode beforeDecision = leaveWithoutDecision(a);
        var granted = decide(a.urn(), id, "GRANTED", "C", HEAD);
        JsonNode afterGrant = leaveWithoutDecision(a);
        var withdrawn = api().post(a.base() + "/leave-requests/" + id + "/withdrawal", Map.of(
                "reason", "attendance fell below the agreed level", "by", HEAD, "withdrawnAt", Instant.now().toString()));
        JsonNode afterWithdrawal = leaveWithoutDecision(a);

        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        assertThat(beforeDecision).hasSize(2);
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        assertThat(granted.body().path("decision").asText()).isEqualTo("GRANTED");
        assertThat(afterGrant).isEmpty();
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(afterWithdrawal).hasSize(2);
    }

    @Test
    void leave_without_decision_as_known_before_the_grant_lists_the_marks_the_grant_now_covers() {
        Ahead a = ahead();
        String now = Instant.now().toString();
        fixtures().recordMarks(a.urn(), List.of(with(mark(a.upn(), a.day().toString(), "AM", "C"), "recordedAt", now)));
        String id = request(a.urn(), a.upn(), a.day().toString(), a.day().toString()).body().path("id").asText();
        Instant beforeGrant = Instant.now();
        assertThat(decide(a.urn(), id, "GRANTED", "C", HEAD).status()).isEqualTo(200);

        var then = api().get(a.base() + "/leave-without-decision?from=" + a.day() + "&to=" + a.day()
                + "&asKnownAt=" + beforeGrant);

        assertThat(then.status()).as(then.toString()).isEqualTo(200);
        assertThat(then.body().path("asKnownAt").asText()).isEqualTo(beforeGrant.toString());
        assertThat(then.body().path("items")).singleElement()
                .satisfies(item -> assertThat(item.path("code").asText()).isEqualTo("C"));
        assertThat(leaveWithoutDecision(a)).isEmpty();
        assertThat(api().get(a.base() + "/leave-without-decision?asKnownAt=2999-01-01T00:00:00Z").body()
                .path("code").asText()).isEqualTo("AS_KNOWN_AT_IN_FUTURE");
    }

    @Test
    void only_a_grant_leave_holder_on_the_day_may_decide() {
        Ahead a = ahead();
        fixtures().grant(a.urn(), TEACHER, "AUTHORISE_ABSENCE", "2024-09-01");
        String id = request(a.urn(), a.upn(), a.day().toString(), a.day().toString()).body().path("id").asText();
        long events = eventCount();

        var byTeacher = decide(a.urn(), id, "GRANTED", "C", TEACHER);
        var borrowed = decide(a.urn(), id, "GRANTED", "C", Fixtures.actor("Tom Teacher", "Class teacher",
                HEAD.get("staffId")));

        assertThat(byTeacher.status()).isEqualTo(403);
        assertThat(byTeacher.body().path("code").asText()).isEqualTo("ACTOR_NOT_AUTHORISED");
        assertThat(borrowed.status()).isEqualTo(422);
        assertThat(borrowed.body().path("code").asText()).isEqualTo("ACTOR_MISMATCH");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void a_decision_is_made_once_a_retry_stores_nothing_and_a_grant_names_a_leave_code() {
        Ahead a = ahead();
        var first = request(a.urn(), a.upn(), a.day().toString(), a.day().toString());
        var again = request(a.urn(), a.upn(), a.day().toString(), a.day().toString());
        String id = first.body().path("id").asText();

        var notLeave = decide(a.urn(), id, "GRANTED", "I", HEAD);
        var refused = decide(a.urn(), id, "REFUSED", null, HEAD);
        var grantedAfterRefusal = decide(a.urn(), id, "GRANTED", "C", HEAD);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("id").asText()).isEqualTo(id);
        assertThat(notLeave.status()).isEqualTo(422);
        assertThat(notLeave.body().path("code").asText()).isEqualTo("INVALID_CODE");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(grantedAfterRefusal.status()).isEqualTo(409);
        assertThat(grantedAfterRefusal.body().path("code").asText()).isEqualTo("LEAVE_ALREADY_DECIDED");
    }

    @Test
    void leave_is_never_granted_retrospectively_but_may_be_refused() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().grant(urn, HEAD, "GRANT_LEAVE", "2024-09-01");
        String late = request(urn, upn, "2024-10-07", "2024-10-08").body().path("id").asText();
        String another = request(urn, upn, "2024-11-04", "2024-11-05").body().path("id").asText();

        var granted = decide(urn, late, "GRANTED", "C", HEAD);
        var refused = decide(urn, another, "REFUSED", null, HEAD);
        var unknown = decide(urn, "no-such-request", "REFUSED", null, HEAD);

        assertThat(granted.status()).isEqualTo(422);
        assertThat(granted.body().path("code").asText()).isEqualTo("LEAVE_NOT_REQUESTED_IN_ADVANCE");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("code").asText()).isEqualTo("UNKNOWN_LEAVE_REQUEST");
    }
}
