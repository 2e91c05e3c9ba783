package org.attendanceledger.service.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.allDay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionReader;
import org.junit.jupiter.api.Test;

/** Contract "Paging": limit and cursor walk a list once, in its stable order; without limit it answers whole. */
class PagingApiTest extends LedgerApiTest {

    @Test
    void an_la_list_paged_by_two_walks_every_item_once_in_order_and_ends_without_a_cursor() {
        String laCode = ProjectionReader.newLaCode();
        for (int school = 0; school < 2; school++) {
            String urn = fixtures().exampleSchool(laCode);
            for (int pupil = 0; pupil < 3; pupil++) {
                fixtures().recordMarks(urn, allDay(fixtures().admit(urn, "2024-09-04"), "I", "2024-10-01"));
            }
        }
        String list = "/api/v1/las/" + laCode + "/absence-lists/severe?academicYear=2024-25&asOf=2025-08-31";

        JsonNode whole = api().get(list).body();
        List<String> walked = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            JsonNode page = api().get(list + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).body();
            assertThat(page.path("items").size()).isLessThanOrEqualTo(2);
            page.path("items").forEach(item -> walked.add(item.path("urn").asText() + "/" + item.path("upn").asText()));
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (cursor != null);

        List<String> all = new ArrayList<>();
        whole.path("items").forEach(item -> all.add(item.path("urn").asText() + "/" + item.path("upn").asText()));
        assertThat(all).hasSize(6);
        assertThat(walked).isEqualTo(all);
        assertThat(pages).isEqualTo(3);
        assertThat(whole.path("next").isNull()).isTrue();
    }

    @Test
    void a_limit_out_of_range_or_a_cursor_the_service_did_not_give_is_refused() {
        String list = "/api/v1/las/" + ProjectionReader.newLaCode() + "/penalty-notices";

        var zero = api().get(list + "?limit=0");
        var tooMany = api().get(list + "?limit=5001");
        var forged = api().get(list + "?limit=10&cursor=!!!");

        assertThat(zero.status()).isEqualTo(422);
        assertThat(zero.body().path("errors").get(0).path("field").asText()).isEqualTo("limit");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(forged.status()).isEqualTo(422);
        assertThat(forged.body().path("errors").get(0).path("field").asText()).isEqualTo("cursor");
    }
}
