package org.attendanceledger.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.allDay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;

class EventFeedTest extends LedgerApiTest {

    @Test
    void the_feed_lists_every_event_in_store_order_and_pages_with_next() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(pupil, "/", "2024-10-01", "2024-10-02"));

        awaitLogged();
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = api().get("/api/v1/audit/events?after=" + after + "&limit=7").body();
            page.path("events").forEach(all::add);
            if (page.path("events").size() < 7) {
                break;
            }
            after = page.path("next").asLong();
        }

        assertThat(all).hasSize((int) eventCount());
        List<Long> positions = all.stream().map(e -> e.path("position").asLong()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        JsonNode lastMark = all.stream().filter(e -> e.path("aggregateId").asText().startsWith(urn + ":" + pupil))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(lastMark.path("type").asText()).isEqualTo("AttendanceMarkRecorded");
        assertThat(lastMark.path("payload").path("code").asText()).isEqualTo("/");
        assertThat(lastMark.path("metadata").path("receivedAt").asText()).isNotBlank();
        assertThat(lastMark.path("sequence").asLong()).isZero();
    }

    @Test
    void a_limit_above_a_thousand_is_refused() {
        var response = api().get("/api/v1/audit/events?limit=5000");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
    }
}
