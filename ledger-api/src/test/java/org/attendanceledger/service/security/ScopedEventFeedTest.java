package org.attendanceledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.service.support.ApiKeys.IssuedKey;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.junit.jupiter.api.Test;

class ScopedEventFeedTest extends LedgerApiTest {

    private List<String> schoolsInFeed(LedgerClient reader) {
        awaitLogged();
        List<String> schools = new ArrayList<>();
        long after = 0;
        while (true) {
            var page = reader.get("/api/v1/audit/events?limit=1000&after=" + after);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode events = page.body().path("events");
            if (events.isEmpty()) {
                return schools;
            }
            events.forEach(event -> schools.add(event.path("aggregateId").asText().split(":")[0]));
            after = page.body().path("next").asLong();
        }
    }

    @Test
    void an_auditor_of_one_school_reads_the_events_of_that_school_only() {
        String school = fixtures().school("311");
        fixtures().admit(school, "2024-09-04");
        String otherSchool = fixtures().school("311");
        fixtures().admit(otherSchool, "2024-09-04");
        IssuedKey auditor = ApiKeys.issue(api(), "auditor", List.of(school), List.of());

        List<String> seen = schoolsInFeed(api().as(auditor.token()));

        assertThat(seen).hasSize(2).containsOnly(school);
    }

    @Test
    void an_auditor_of_an_la_reads_the_events_of_its_schools_including_schools_registered_later() {
        IssuedKey auditor = ApiKeys.issue(api(), "auditor", List.of(), List.of("312"));
        String school = fixtures().school("312");
        String laterSchool = fixtures().school("312");
        String elsewhere = fixtures().school("313");

        List<String> seen = schoolsInFeed(api().as(auditor.token()));

        assertThat(seen).contains(school, laterSchool).doesNotContain(elsewhere);
        List<String> lasSeen = seen.stream().distinct().map(urn -> jdbc.queryForObject(
                "SELECT la_code FROM school WHERE urn = ?", String.class, urn)).distinct().toList();
        assertThat(lasSeen).containsExactly("312");
    }

    @Test
    void a_scoped_auditor_does_not_see_api_key_events_and_an_unscoped_auditor_does() {
        String school = fixtures().school("314");
        IssuedKey scoped = ApiKeys.issue(api(), "auditor", List.of(school), List.of());
        IssuedKey unscoped = ApiKeys.issue(api(), "auditor", List.of(), List.of());

        assertThat(schoolsInFeed(api().as(scoped.token()))).doesNotContain(scoped.id(), unscoped.id());
        assertThat(schoolsInFeed(api().as(unscoped.token()))).contains(scoped.id(), unscoped.id(), school);
    }
}
