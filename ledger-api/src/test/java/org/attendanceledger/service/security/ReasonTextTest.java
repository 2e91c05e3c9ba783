package org.attendanceledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.mark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reason text can be health data: LA officers get codes, dates and authors, never the reasons. */
class ReasonTextTest extends LedgerApiTest {

    private static final String REASON = "admitted to hospital after a seizure, letter from the consultant";

    private String urn;
    private String historyPath;

    @BeforeEach
    void an_entry_amended_for_a_medical_reason() {
        urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        fixtures().recordMarks(urn, List.of(mark(upn, "2024-09-05", "AM", "O")));
        var amended = fixtures().amend(urn, upn, "2024-09-05", "AM", "I", REASON, HEAD, "2024-09-06T10:00:00+01:00");
        assertThat(amended.status()).as(amended.toString()).isEqualTo(201);
        historyPath = "/api/v1/schools/" + urn + "/marks/" + upn + "/2024-09-05/AM/history";
    }

    private LedgerClient as(String role, List<String> schools, List<String> las) {
        return api().as(ApiKeys.issue(api(), role, schools, las).token());
    }

    @Test
    void an_la_officer_reads_the_history_with_codes_dates_and_authors_but_no_reason() {
        var history = as("la-officer", List.of(), List.of("201")).get(historyPath);

        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        JsonNode amendment = history.body().path("entries").get(1);
        assertThat(amendment.path("kind").asText()).isEqualTo("AMENDED");
        assertThat(amendment.path("code").asText()).isEqualTo("I");
        assertThat(amendment.path("previousCode").asText()).isEqualTo("O");
        assertThat(amendment.path("at").asText()).isNotBlank();
        assertThat(amendment.path("by").path("name").asText()).isEqualTo("Ann Head");
        assertThat(amendment.has("reason")).isTrue();
        assertThat(amendment.path("reason").isNull()).isTrue();
        assertThat(history.body().toString()).doesNotContain("seizure");
    }

    @Test
    void the_schools_own_mis_an_auditor_and_an_admin_read_the_reason() {
        List<LedgerClient> readers = List.of(as("mis", List.of(urn), List.of()), as("auditor", List.of(urn), List.of()),
                as("auditor", List.of(), List.of()), api());

        for (LedgerClient reader : readers) {
            var history = reader.get(historyPath);
            assertThat(history.status()).as(history.toString()).isEqualTo(200);
            assertThat(history.body().path("entries").get(1).path("reason").asText()).isEqualTo(REASON);
        }
    }

    @Test
    void an_la_officer_gets_no_event_feed_to_read_reasons_from() {
        var feed = as("la-officer", List.of(), List.of("201")).get("/api/v1/audit/events");

        assertThat(feed.status()).isEqualTo(403);
        assertThat(feed.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(feed.body().toString()).doesNotContain("seizure");
    }

    @Test
    void an_auditor_of_the_school_reads_the_reason_in_the_event_feed() {
        // The feed pages by the tamper-evident log, which logs an event a moment after it commits.
        awaitLogged();
        var feed = as("auditor", List.of(urn), List.of()).get("/api/v1/audit/events?limit=1000");

        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.body().path("events").findValuesAsText("reason")).contains(REASON);
    }
}
