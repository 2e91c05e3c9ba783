package org.attendanceledger.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.OFFICE;
import static org.attendanceledger.service.support.Fixtures.mark;
import static org.attendanceledger.service.support.Fixtures.with;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;

/** Entry histories mark backdated versions and give each its logIndex; auditors list backdated amendments. */
class BackdatedAmendmentsTest extends LedgerApiTest {

    private static final String DATE = "2025-10-01";

    private String today() {
        return LocalDate.now(ZoneId.of("Europe/London")).toString();
    }

    /** A mark recorded now, amended twice: once claiming yesterday, once claiming 30 days ago. */
    private String[] schoolWithAmendments() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2025-09-03");
        Instant now = Instant.now();
        fixtures().recordMarks(urn, List.of(with(mark(upn, DATE, "AM", "/"), "recordedAt", now.toString())));
        var recent = fixtures().amend(urn, upn, DATE, "AM", "L", "arrived late, register corrected", OFFICE,
                now.minus(Duration.ofDays(1)).toString());
        var backdated = fixtures().amend(urn, upn, DATE, "AM", "/", "correction", HEAD,
                now.minus(Duration.ofDays(30)).toString());
        assertThat(recent.status()).as(recent.toString()).isEqualTo(201);
        assertThat(backdated.status()).as(backdated.toString()).isEqualTo(201);
        return new String[] {urn, upn};
    }

    @Test
    void a_history_marks_the_version_claimed_more_than_seven_days_before_receipt_and_gives_every_log_index() {
        String[] entry = schoolWithAmendments();
        awaitLogged();

        JsonNode history = api().get("/api/v1/schools/" + entry[0] + "/marks/" + entry[1] + "/" + DATE
                + "/AM/history").body();

        JsonNode versions = history.path("entries");
        assertThat(versions).hasSize(3);
        assertThat(versions.get(0).path("backdated").asBoolean()).isFalse();
        assertThat(versions.get(1).path("backdated").asBoolean()).isFalse();
        assertThat(versions.get(2).path("backdated").asBoolean()).isTrue();
        List<Long> logIndexes = new ArrayList<>();
        versions.forEach(v -> logIndexes.add(v.path("logIndex").asLong()));
        assertThat(logIndexes).isSorted().doesNotHaveDuplicates();
        JsonNode logged = api().get("/api/v1/audit/log/entries?limit=1&start=" + logIndexes.get(2)).body()
                .path("entries").get(0).path("event");
        assertThat(logged.path("type").asText()).endsWith("AttendanceMarkAmended");
        assertThat(logged.path("sequence").asLong()).isEqualTo(2);
    }

    @Test
    void auditors_list_backdated_amendments_with_school_entry_who_and_both_dates_scoped_like_the_feed() {
        String[] entry = schoolWithAmendments();
        String otherSchool = fixtures().exampleSchool();
        var ownAuditor = ApiKeys.issue(api(), "auditor", List.of(entry[0]), List.of());
        var otherAuditor = ApiKeys.issue(api(), "auditor", List.of(otherSchool), List.of());
        awaitLogged();
        String query = "/api/v1/audit/backdated-amendments?from=" + today() + "&to=" + today() + "&limit=5000";

        List<JsonNode> ofSchool = new ArrayList<>();
        api().as(ownAuditor.token()).get(query).body().path("items").forEach(ofSchool::add);
        var other = api().as(otherAuditor.token()).get(query);

        assertThat(ofSchool).hasSize(1);
        JsonNode item = ofSchool.get(0);
        assertThat(item.path("urn").asText()).isEqualTo(entry[0]);
        assertThat(item.path("upn").asText()).isEqualTo(entry[1]);
        assertThat(item.path("date").asText()).isEqualTo(DATE);
        assertThat(item.path("session").asText()).isEqualTo("AM");
        assertThat(item.path("version").asLong()).isEqualTo(3);
        assertThat(item.path("by").path("name").asText()).isEqualTo("Ann Head");
        assertThat(item.path("by").path("position").asText()).isEqualTo("Headteacher");
        assertThat(Duration.between(Instant.parse(item.path("amendedAt").asText()),
                Instant.parse(item.path("receivedAt").asText()))).isGreaterThan(Duration.ofDays(29));
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body().path("items")).isEmpty();
    }

    @Test
    void a_range_ending_before_it_starts_and_missing_dates_are_422_validation_failed() {
        var reversed = api().get("/api/v1/audit/backdated-amendments?from=2025-02-01&to=2025-01-01");
        var missing = api().get("/api/v1/audit/backdated-amendments?from=2025-02-01");
        var unparsable = api().get("/api/v1/audit/backdated-amendments?from=2025-02-30&to=2025-03-01");

        for (var response : List.of(reversed, missing, unparsable)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(422);
            assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
        }
    }
}
