package org.attendanceledger.service.penalty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.attendanceledger.service.support.ProjectionReader;
import org.junit.jupiter.api.Test;

/** The LA's penalty-notice register through HTTP: worked cases TC-27, TC-28 and TC-29 of the rules. */
class PenaltyNoticeApiTest extends LedgerApiTest {

    private static final Map<String, String> OFFICER = Fixtures.actor("Lee Officer", "Attendance officer", null);

    private record Setting(String laCode, String urn, String child, LedgerClient officer) {

        String path() {
            return "/api/v1/las/" + laCode + "/penalty-notices";
        }
    }

    private Setting setting() {
        String laCode = ProjectionReader.newLaCode();
        String urn = fixtures().exampleSchool(laCode);
        String child = fixtures().admit(urn, "2024-09-04");
        LedgerClient officer = api().as(ApiKeys.issue(api(), "la-officer", List.of(), List.of(laCode)).token());
        return new Setting(laCode, urn, child, officer);
    }

    private static Map<String, Object> notice(Setting s, String upn, String parentRef, String kind, String issuedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("urn", s.urn());
        body.put("upn", upn);
        body.put("parentRef", parentRef);
        body.put("kind", kind);
        body.put("issuedOn", issuedOn);
        body.put("by", OFFICER);
        return body;
    }

    private LedgerClient.Response issue(Setting s, String parentRef, String issuedOn) {
        return s.officer().post(s.path(), notice(s, s.child(), parentRef, "PENALTY_NOTICE", issuedOn));
    }

    private LedgerClient.Response outcome(Setting s, String id, String outcome, String on, Integer amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome);
        body.put("on", on);
        if (amount != null) {
            body.put("amount", amount);
        }
        body.put("by", OFFICER);
        return s.officer().post(s.path() + "/" + id + "/outcome", body);
    }

    private JsonNode eligibility(Setting s, String parentRef, String on) {
        var response = s.officer().get(s.path() + "/eligibility?urn=" + s.urn() + "&upn=" + s.child()
                + "&parentRef=" + parentRef + "&on=" + on);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    @Test
    void tc27_two_notices_per_parent_per_child_in_three_years_and_a_third_refused_with_the_notices_that_count() {
        Setting s = setting();
        var first = issue(s, "PARENT-A", "2024-10-01");
        var paidFirst = outcome(s, first.body().path("id").asText(), "PAID", "2024-10-16", null);
        var second = issue(s, "PARENT-A", "2025-03-03");
        var paidSecond = outcome(s, second.body().path("id").asText(), "PAID", "2025-03-13", 160);
        long events = eventCount();
        var third = issue(s, "PARENT-A", "2026-06-12");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.body().path("noticeNumber").asInt()).isEqualTo(1);
        assertThat(first.body().path("amountIfPaidBy").get(0).path("amount").asInt()).isEqualTo(80);
        assertThat(first.body().path("amountIfPaidBy").get(0).path("by").asText()).isEqualTo("2024-10-22");
        assertThat(paidFirst.body().path("amountPaid").asInt()).isEqualTo(80);
        assertThat(second.body().path("noticeNumber").asInt()).isEqualTo(2);
        assertThat(second.body().path("amountIfPaidBy")).hasSize(1);
        assertThat(paidSecond.body().path("amountPaid").asInt()).as("flat, no discount").isEqualTo(160);
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.body().path("code").asText()).isEqualTo("PENALTY_NOTICE_LIMIT");
        assertThat(third.body().path("errors")).hasSize(2);
        assertThat(eventCount()).as("a refused notice stores nothing").isEqualTo(events);
        JsonNode blocked = eligibility(s, "PARENT-A", "2026-06-12");
        assertThat(blocked.path("mayIssue").asBoolean()).isFalse();
        assertThat(blocked.path("counted")).hasSize(2);
        assertThat(blocked.path("allowedAgainOn").asText()).isEqualTo("2027-10-01");
        assertThat(eligibility(s, "PARENT-A", "2027-09-30").path("mayIssue").asBoolean()).isFalse();
        JsonNode later = eligibility(s, "PARENT-A", "2027-10-15");
        assertThat(later.path("mayIssue").asBoolean()).isTrue();
        assertThat(later.path("noticeNumber").asInt()).isEqualTo(2);
        assertThat(later.path("nextAmount").asInt()).isEqualTo(160);
        JsonNode parentB = eligibility(s, "PARENT-B", "2026-06-12");
        assertThat(parentB.path("mayIssue").asBoolean()).isTrue();
        assertThat(parentB.path("nextAmount").asInt()).isEqualTo(80);
    }

    @Test
    void the_notices_and_the_eligibility_as_known_at_an_instant_show_only_what_had_been_received_by_then() {
        Setting s = setting();
        Instant beforeAll = Instant.now();
        String first = issue(s, "P-known", "2024-12-02").body().path("id").asText();
        Instant afterIssue = Instant.now();
        assertThat(outcome(s, first, "PAID", "2024-12-10", 80).status()).isEqualTo(200);

        JsonNode before = s.officer().get(s.path() + "?asKnownAt=" + beforeAll).body();
        JsonNode between = s.officer().get(s.path() + "?asKnownAt=" + afterIssue).body();
        JsonNode now = s.officer().get(s.path()).body();
        JsonNode eligibleThen = s.officer().get(s.path() + "/eligibility?urn=" + s.urn() + "&upn=" + s.child()
                + "&parentRef=P-known&on=2024-12-20&asKnownAt=" + beforeAll).body();

        assertThat(before.path("items")).isEmpty();
        assertThat(between.path("asKnownAt").asText()).isEqualTo(afterIssue.toString());
        assertThat(between.path("items")).singleElement()
                .satisfies(notice -> assertThat(notice.path("outcome").isNull()).isTrue());
        assertThat(now.path("items").get(0).path("outcome").asText()).isEqualTo("PAID");
        assertThat(eligibleThen.path("noticeNumber").asInt()).isEqualTo(1);
        assertThat(eligibility(s, "P-known", "2024-12-20").path("noticeNumber").asInt()).isEqualTo(2);
    }

    @Test
    void tc28_a_withdrawn_notice_does_not_count() {
        Setting s = setting();
        var first = issue(s, "PARENT-A", "2024-10-01");
        var withdrawn = outcome(s, first.body().path("id").asText(), "WITHDRAWN", "2024-11-20", null);
        var next = issue(s, "PARENT-A", "2025-03-03");

        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.body().path("outcome").asText()).isEqualTo("WITHDRAWN");
        assertThat(next.body().path("noticeNumber").asInt()).isEqualTo(1);
        assertThat(next.body().path("amountIfPaidBy").get(0).path("amount").asInt()).isEqualTo(80);
    }

    @Test
    void tc29_the_amount_paid_is_the_one_due_on_the_day_and_no_payment_is_taken_after_day_28() {
        Setting s = setting();
        List<String> ids = List.of("2024-10-01", "2024-11-01", "2024-12-02", "2025-01-06").stream()
                .map(day -> issue(s, "PARENT-" + day, day).body().path("id").asText()).toList();

        var day21 = outcome(s, ids.get(0), "PAID", "2024-10-22", null);
        var day22 = outcome(s, ids.get(1), "PAID", "2024-11-23", null);
        var day29 = outcome(s, ids.get(2), "PAID", "2024-12-31", null);
        var wrongAmount = outcome(s, ids.get(3), "PAID", "2025-01-10", 160);

        assertThat(day21.body().path("amountPaid").asInt()).isEqualTo(80);
        assertThat(day22.body().path("amountPaid").asInt()).isEqualTo(160);
        assertThat(day29.status()).isEqualTo(422);
        assertThat(day29.body().path("code").asText()).isEqualTo("PAYMENT_PERIOD_ENDED");
        assertThat(wrongAmount.status()).isEqualTo(422);
        assertThat(wrongAmount.body().path("code").asText()).isEqualTo("PAYMENT_AMOUNT_MISMATCH");
    }

    @Test
    void a_retried_notice_or_outcome_stores_nothing_twice_and_a_different_outcome_is_a_conflict() {
        Setting s = setting();
        var first = issue(s, "PARENT-A", "2024-10-01");
        var retried = issue(s, "PARENT-A", "2024-10-01");
        String id = first.body().path("id").asText();
        outcome(s, id, "PAID", "2024-10-16", null);
        long events = eventCount();
        var paidAgain = outcome(s, id, "PAID", "2024-10-16", null);
        var withdrawnAfterPaying = outcome(s, id, "WITHDRAWN", "2024-11-01", null);

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("id").asText()).isEqualTo(id);
        assertThat(paidAgain.status()).isEqualTo(200);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(withdrawnAfterPaying.status()).isEqualTo(409);
        assertThat(withdrawnAfterPaying.body().path("code").asText()).isEqualTo("OUTCOME_ALREADY_RECORDED");
        assertThat(s.officer().get(s.path() + "?upn=" + s.child()).body().path("items")).hasSize(1);
    }

    @Test
    void a_notice_to_improve_carries_no_payment_and_does_not_count() {
        Setting s = setting();
        var nti = s.officer().post(s.path(), notice(s, s.child(), "PARENT-A", "NOTICE_TO_IMPROVE", "2024-10-01"));
        var paid = outcome(s, nti.body().path("id").asText(), "PAID", "2024-10-05", null);

        assertThat(nti.status()).isEqualTo(201);
        assertThat(nti.body().path("amountIfPaidBy")).isEmpty();
        assertThat(paid.status()).isEqualTo(422);
        assertThat(eligibility(s, "PARENT-A", "2024-10-02").path("counted")).isEmpty();
    }

    @Test
    void only_the_la_s_own_officers_issue_notices_and_only_for_pupils_of_its_schools() {
        Setting s = setting();
        Setting other = setting();
        LedgerClient mis = api().as(ApiKeys.issue(api(), "mis", List.of(s.urn()), List.of()).token());

        var byMis = mis.post(s.path(), notice(s, s.child(), "PARENT-A", "PENALTY_NOTICE", "2024-10-01"));
        var byOtherLa = other.officer().post(s.path(), notice(s, s.child(), "PARENT-A", "PENALTY_NOTICE",
                "2024-10-01"));
        var schoolOfAnotherLa = s.officer().post(s.path(), notice(other, other.child(), "PARENT-A",
                "PENALTY_NOTICE", "2024-10-01"));
        var unknownNotice = outcome(s, "no-such-notice", "PAID", "2024-10-02", null);

        assertThat(byMis.status()).isEqualTo(403);
        assertThat(byOtherLa.status()).isEqualTo(403);
        assertThat(schoolOfAnotherLa.status()).isEqualTo(422);
        assertThat(unknownNotice.status()).isEqualTo(404);
        assertThat(unknownNotice.body().path("code").asText()).isEqualTo("UNKNOWN_PENALTY_NOTICE");
    }
}
