package org.attendanceledger.service.roll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.OFFICE;
import static org.attendanceledger.service.support.Fixtures.allDay;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.junit.jupiter.api.Test;

/**
 * Rules 8.3 and worked case TC-33: ground (i), 20 school days' continuous absence, is checked against the ledger's own
 * marks; other grounds carry the evidence reference the school gives.
 */
class DeletionGroundApiTest extends LedgerApiTest {

    private static final String GROUND = "CONTINUOUS_ABSENCE_20_DAYS";

    @Test
    void absent_from_monday_3_march_the_ground_is_met_on_friday_28_march_and_not_a_day_earlier() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04", "7");
        fixtures().recordMarks(urn, absentEveryDay(pupil, "2025-03-03", "2025-03-28"));
        long before = eventCount();

        var dayNineteen = delete(urn, pupil, "2025-03-27", GROUND, null);

        assertThat(dayNineteen.status()).isEqualTo(422);
        assertThat(dayNineteen.errorCode()).isEqualTo("DELETION_GROUND_NOT_MET");
        assertThat(dayNineteen.body().at("/errors/0/field").asText()).isEqualTo("lastDayOnRoll");
        assertThat(dayNineteen.body().at("/errors/0/detail").asText()).contains("2025-02-28 AM is not marked");
        assertThat(eventCount()).isEqualTo(before);

        var dayTwenty = delete(urn, pupil, "2025-03-28", GROUND, null);

        assertThat(dayTwenty.status()).as(dayTwenty.toString()).isEqualTo(200);
        assertThat(dayTwenty.body().at("/periods/0/lastDayOnRoll").asText()).isEqualTo("2025-03-28");
    }

    @Test
    void illness_on_wednesday_12_march_restarts_the_run_so_the_ground_is_met_on_thursday_24_april() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04", "7");
        List<Map<String, Object>> marks = absentEveryDay(pupil, "2025-03-03", "2025-04-24");
        marks.removeIf(mark -> mark.get("date").equals("2025-03-12"));
        marks.addAll(allDay(pupil, "I", "2025-03-12"));
        fixtures().recordMarks(urn, marks);
        long before = eventCount();

        var easterWednesday = delete(urn, pupil, "2025-04-23", GROUND, null);
        var easterThursday = delete(urn, pupil, "2025-04-24", GROUND, null);

        assertThat(easterWednesday.status()).isEqualTo(422);
        assertThat(easterWednesday.errorCode()).isEqualTo("DELETION_GROUND_NOT_MET");
        assertThat(easterWednesday.body().at("/errors/0/detail").asText()).contains("2025-03-12 AM is coded I");
        assertThat(easterThursday.status()).as(easterThursday.toString()).isEqualTo(200);
        assertThat(eventCount()).as("only the deletion").isEqualTo(before + 1);
    }

    @Test
    void a_pupil_on_roll_for_fewer_than_twenty_school_days_cannot_be_deleted_on_the_ground() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2025-03-03", "7");
        fixtures().recordMarks(urn, absentEveryDay(pupil, "2025-03-03", "2025-03-14"));

        var refused = delete(urn, pupil, "2025-03-14", GROUND, null);
        var beforeStarting = delete(urn, pupil, "2025-03-02", GROUND, null);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo("DELETION_GROUND_NOT_MET");
        assertThat(refused.body().at("/errors/0/detail").asText()).contains("only 10 school days");
        assertThat(beforeStarting.errorCode()).isEqualTo("DELETION_GROUND_NOT_MET");
        assertThat(beforeStarting.body().at("/errors/0/detail").asText()).contains("only 0 school days");
    }

    @Test
    void another_ground_is_recorded_with_its_evidence_reference_as_given_and_a_long_one_is_refused() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04", "7");
        long before = eventCount();

        var tooLong = delete(urn, pupil, "2025-01-31", "HOME_EDUCATION", "x".repeat(201));
        var deleted = delete(urn, pupil, "2025-01-31", "HOME_EDUCATION", "Parent's letter of 20 Jan 2025, file HE/17");
        var retried = delete(urn, pupil, "2025-01-31", "HOME_EDUCATION", "Parent's letter of 20 Jan 2025, file HE/17");

        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooLong.body().at("/errors/0/field").asText()).isEqualTo("evidenceReference");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(eventCount()).as("one deletion, stored once").isEqualTo(before + 1);
        String payload = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""", String.class,
                urn + ":" + pupil);
        assertThat(payload).contains("\"ground\":\"HOME_EDUCATION\"",
                "\"evidenceReference\":\"Parent's letter of 20 Jan 2025, file HE/17\"");
    }

    /** O on both sessions of every weekday from the first date to the last (holidays and closures left out). */
    private static List<Map<String, Object>> absentEveryDay(String upn, String first, String last) {
        List<String> days = new ArrayList<>();
        for (LocalDate day = LocalDate.parse(first); !day.isAfter(LocalDate.parse(last)); day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            boolean holiday = !day.isBefore(LocalDate.of(2025, 4, 5)) && !day.isAfter(LocalDate.of(2025, 4, 21));
            if (!weekend && !holiday) {
                days.add(day.toString());
            }
        }
        return new ArrayList<>(allDay(upn, "O", days.toArray(String[]::new)));
    }

    private LedgerClient.Response delete(String urn, String upn, String lastDayOnRoll, String ground,
                                         String evidenceReference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lastDayOnRoll", lastDayOnRoll);
        body.put("ground", ground);
        body.put("reason", "joint enquiries with the LA have not found the pupil");
        if (evidenceReference != null) {
            body.put("evidenceReference", evidenceReference);
        }
        body.put("by", OFFICE);
        return api().post("/api/v1/schools/" + urn + "/pupils/" + upn + "/deletion", body);
    }
}
