package org.attendanceledger.service.overdue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.allDay;

import com.fasterxml.jackson.databind.JsonNode;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionReader;
import org.junit.jupiter.api.Test;

/** N marks still standing after 5 school days of their school (rules 4). */
class OverdueNApiTest extends LedgerApiTest {

    private ProjectionReader read() {
        return new ProjectionReader(api());
    }

    @Test
    void tc11_an_n_before_half_term_is_due_on_3_march_and_listed_as_overdue_from_4_march() {
        String urn = fixtures().exampleSchool(ProjectionReader.newLaCode());
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(upn, "N", "2025-02-14"));

        JsonNode onDeadline = read().overdueN(urn, "2025-03-03");
        JsonNode dayAfter = read().overdueN(urn, "2025-03-04");

        assertThat(onDeadline.path("items")).isEmpty();
        assertThat(dayAfter.path("items")).hasSize(2);
        JsonNode morning = dayAfter.path("items").get(0);
        assertThat(morning.path("urn").asText()).isEqualTo(urn);
        assertThat(morning.path("upn").asText()).isEqualTo(upn);
        assertThat(morning.path("date").asText()).isEqualTo("2025-02-14");
        assertThat(morning.path("session").asText()).isEqualTo("AM");
        assertThat(morning.path("deadline").asText()).isEqualTo("2025-03-03");
        assertThat(dayAfter.path("items").get(1).path("session").asText()).isEqualTo("PM");
    }

    @Test
    void tc08_n_marks_of_10_february_are_due_on_25_february_and_leave_the_list_once_resolved() {
        String urn = fixtures().exampleSchool(ProjectionReader.newLaCode());
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(upn, "N", "2025-02-10"));

        JsonNode onDeadline = read().overdueN(urn, "2025-02-25");
        JsonNode overdue = read().overdueN(urn, "2025-02-26");
        var resolved = fixtures().amend(urn, upn, "2025-02-10", "AM", "O", "no reason given", HEAD,
                "2025-02-26T09:00:00Z");
        JsonNode afterResolving = read().overdueN(urn, "2025-02-26");

        assertThat(onDeadline.path("items")).isEmpty();
        assertThat(overdue.path("items").findValuesAsText("deadline")).containsOnly("2025-02-25");
        assertThat(overdue.path("items")).hasSize(2);
        assertThat(resolved.status()).isEqualTo(201);
        assertThat(afterResolving.path("items").findValuesAsText("session")).containsExactly("PM");
    }

    @Test
    void the_la_list_holds_the_overdue_n_marks_of_its_schools_only() {
        String la = ProjectionReader.newLaCode();
        String north = fixtures().exampleSchool(la);
        String south = fixtures().exampleSchool(la);
        String elsewhere = fixtures().exampleSchool(ProjectionReader.newLaCode());
        String northPupil = fixtures().admit(north, "2024-09-04");
        String southPupil = fixtures().admit(south, "2024-09-04");
        String otherPupil = fixtures().admit(elsewhere, "2024-09-04");
        fixtures().recordMarks(north, allDay(northPupil, "N", "2024-11-04"));
        fixtures().recordMarks(south, allDay(southPupil, "N", "2024-11-05"));
        fixtures().recordMarks(elsewhere, allDay(otherPupil, "N", "2024-11-04"));

        JsonNode list = read().laOverdueN(la, "2024-11-13");

        assertThat(list.path("items").findValuesAsText("upn")).containsExactlyInAnyOrder(northPupil, northPupil,
                southPupil, southPupil);
        assertThat(list.path("items").findValuesAsText("upn")).doesNotContain(otherPupil);
        assertThat(read().laOverdueN(la, "2024-11-12").path("items").findValuesAsText("upn"))
                .as("the 4 Nov marks are due on 11 Nov, the 5 Nov marks on 12 Nov")
                .containsOnly(northPupil);
    }
}
