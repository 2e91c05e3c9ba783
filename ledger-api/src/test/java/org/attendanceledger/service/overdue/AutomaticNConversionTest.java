package org.attendanceledger.service.overdue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.actor;
import static org.attendanceledger.service.support.Fixtures.allDay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionReader;
import org.junit.jupiter.api.Test;

/** TC-12: automatic N to O conversion under an S2-style policy, attributed to a named person. */
class AutomaticNConversionTest extends LedgerApiTest {

    private static final Map<String, String> LEAD = actor("Sam Lead", "Senior Attendance Lead", "S-SAL");

    @Test
    void overdue_n_marks_become_o_attributed_to_the_named_owner_of_the_policy() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(pupil, "N", "2025-03-03"));
        var policy = api().put("/api/v1/schools/" + urn + "/n-conversion-policy",
                Map.of("enabled", true, "owner", LEAD, "policyVersion", "v3", "by", HEAD));

        var onDeadline = convert(urn, "2025-03-10");
        var dayAfter = convert(urn, "2025-03-11");
        var again = convert(urn, "2025-03-11");

        assertThat(policy.status()).isEqualTo(200);
        assertThat(onDeadline.path("converted")).isEmpty();
        assertThat(dayAfter.path("converted")).hasSize(2);
        assertThat(dayAfter.at("/converted/0/deadline").asText()).isEqualTo("2025-03-10");
        assertThat(again.path("converted")).isEmpty();
        for (String session : new String[] {"AM", "PM"}) {
            JsonNode amendment = api().get("/api/v1/schools/" + urn + "/marks/" + pupil + "/2025-03-03/" + session
                    + "/history").body().at("/entries/1");
            assertThat(amendment.path("previousCode").asText()).isEqualTo("N");
            assertThat(amendment.path("code").asText()).isEqualTo("O");
            assertThat(amendment.path("reason").asText())
                    .isEqualTo("no reason received within 5 school days (policy v3)");
            assertThat(amendment.path("by").path("name").asText()).isEqualTo("Sam Lead");
            assertThat(amendment.path("by").path("position").asText()).isEqualTo("Senior Attendance Lead");
            assertThat(amendment.path("mechanism").asText()).isEqualTo("AUTOMATIC_POLICY");
        }
        ProjectionReader reads = new ProjectionReader(api());
        assertThat(reads.threshold(urn, pupil, "2025-03-01", "2025-03-31").path("maxCountInAnyWindow").asInt())
                .isEqualTo(2);
        assertThat(reads.overdueN(urn, "2025-03-11").path("items")).isEmpty();
    }

    @Test
    void without_a_policy_owner_the_conversion_is_refused_and_the_marks_stay_overdue() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(pupil, "N", "2025-03-03"));
        long before = eventCount();

        var withoutOwner = api().put("/api/v1/schools/" + urn + "/n-conversion-policy",
                Map.of("enabled", true, "policyVersion", "v3", "by", HEAD));
        var refused = api().post("/api/v1/schools/" + urn + "/overdue-n/conversions?asOf=2025-03-11", Map.of());

        assertThat(withoutOwner.status()).isEqualTo(422);
        assertThat(withoutOwner.errorCode()).isEqualTo("NO_POLICY_OWNER");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo("NO_POLICY_OWNER");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(new ProjectionReader(api()).overdueN(urn, "2025-03-11").path("items")).hasSize(2);
    }

    @Test
    void a_policy_switched_off_converts_nothing() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(pupil, "N", "2025-03-03"));
        api().put("/api/v1/schools/" + urn + "/n-conversion-policy",
                Map.of("enabled", true, "owner", LEAD, "policyVersion", "v3", "by", HEAD));
        var off = api().put("/api/v1/schools/" + urn + "/n-conversion-policy", Map.of("enabled", false, "by", HEAD));

        var refused = api().post("/api/v1/schools/" + urn + "/overdue-n/conversions?asOf=2025-03-11", Map.of());

        assertThat(off.body().path("enabled").asBoolean()).isFalse();
        assertThat(refused.errorCode()).isEqualTo("NO_POLICY_OWNER");
    }

    private JsonNode convert(String urn, String asOf) {
        var response = api().post("/api/v1/schools/" + urn + "/overdue-n/conversions?asOf=" + asOf, Map.of());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }
}
