package org.attendanceledger.service.overdue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.actor;
import static org.attendanceledger.service.support.Fixtures.mark;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The overdue-N list and the automatic conversion read one query, so they agree on every mark; a day still to come
 * cannot be converted; and the nightly run goes on past a school that fails.
 */
class NConversionAgreementTest extends LedgerApiTest {

    private static final Map<String, String> LEAD = actor("Sam Lead", "Senior Attendance Lead", "S-SAL");
    private static final String AS_OF = "2025-03-31";

    @Autowired
    private AutomaticNConversion conversion;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private LockProvider locks;

    @Test
    void the_nightly_run_happens_once_per_cluster_a_node_that_finds_the_lock_taken_skips_it() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2025-03-03", "AM", "N")));
        enablePolicy(urn);
        // Another node holds tonight's lock: this node's run must do nothing.
        SimpleLock otherNode = locks.lock(new LockConfiguration(Instant.now(), AutomaticNConversion.NIGHTLY_LOCK,
                Duration.ofMinutes(5), Duration.ZERO)).orElseThrow();

        conversion.convertForAllSchools();
        String whileHeld = currentCode(urn, pupil, "2025-03-03");
        otherNode.unlock();
        conversion.convertForAllSchools();

        assertThat(whileHeld).isEqualTo("N");
        assertThat(currentCode(urn, pupil, "2025-03-03")).isEqualTo("O");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM shedlock WHERE name = ?", Integer.class,
                AutomaticNConversion.NIGHTLY_LOCK)).isEqualTo(1);
    }

    @Test
    void the_overdue_list_and_the_conversion_agree_on_a_pupil_who_left_and_a_session_the_calendar_removed() {
        String urn = fixtures().exampleSchool();
        String left = fixtures().admit(urn, "2024-09-04");
        String onClosedDay = fixtures().admit(urn, "2024-09-04");
        String stays = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(left, "2025-03-03", "AM", "N"),
                mark(onClosedDay, "2025-03-04", "AM", "N"), mark(stays, "2025-03-05", "AM", "N")));
        // The pupil's last day on roll was before the N was recorded; the school closed on 4 Mar after all.
        fixtures().delete(urn, left, "2025-02-28");
        closeTheSchoolOn(urn, "2025-03-04");
        enablePolicy(urn);

        JsonNode listed = new ProjectionReader(api()).overdueN(urn, AS_OF).path("items");
        var converted = api().post("/api/v1/schools/" + urn + "/overdue-n/conversions?asOf=" + AS_OF, Map.of());

        assertThat(converted.status()).as(converted.toString()).isEqualTo(200);
        assertThat(upnsAndDates(listed)).containsExactly(stays + " 2025-03-05");
        assertThat(upnsAndDates(converted.body().path("converted"))).isEqualTo(upnsAndDates(listed));
        assertThat(currentCode(urn, left, "2025-03-03")).isEqualTo("N");
        assertThat(currentCode(urn, onClosedDay, "2025-03-04")).isEqualTo("N");
        assertThat(currentCode(urn, stays, "2025-03-05")).isEqualTo("O");
        assertThat(new ProjectionReader(api()).overdueN(urn, AS_OF).path("items")).isEmpty();
    }

    @Test
    void a_conversion_as_of_a_day_after_today_is_refused_and_stores_nothing() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2025-03-03", "AM", "N")));
        enablePolicy(urn);
        String tomorrow = LocalDate.now(LedgerClock.ENGLAND).plusDays(1).toString();
        long before = eventCount();

        var refused = api().post("/api/v1/schools/" + urn + "/overdue-n/conversions?asOf=" + tomorrow, Map.of());

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo("AS_OF_IN_FUTURE");
        assertThat(refused.body().at("/errors/0/field").asText()).isEqualTo("asOf");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(currentCode(urn, pupil, "2025-03-03")).isEqualTo("N");
    }

    @Test
    void a_school_whose_conversion_fails_does_not_stop_the_next_and_is_counted() {
        String failing = fixtures().exampleSchool();
        String next = fixtures().exampleSchool();
        String failingPupil = fixtures().admit(failing, "2024-09-04");
        String nextPupil = fixtures().admit(next, "2024-09-04");
        fixtures().recordMarks(failing, List.of(mark(failingPupil, "2025-03-03", "AM", "N")));
        fixtures().recordMarks(next, List.of(mark(nextPupil, "2025-03-03", "AM", "N")));
        enablePolicy(failing);
        enablePolicy(next);
        // The night's list was read with both schools in it; the first then switched its policy off, so converting
        // it fails with NO_POLICY_OWNER.
        List<String> tonight = List.of(failing, next);
        var off = api().put("/api/v1/schools/" + failing + "/n-conversion-policy",
                Map.of("enabled", false, "by", HEAD));
        double failuresBefore = failures(failing);

        int failed = conversion.convertSchools(tonight, LocalDate.parse(AS_OF));

        assertThat(off.status()).isEqualTo(200);
        assertThat(failed).isEqualTo(1);
        assertThat(failures(failing)).isEqualTo(failuresBefore + 1);
        assertThat(meters.find(AutomaticNConversion.FAILURES).tag("urn", next).counter()).isNull();
        assertThat(currentCode(next, nextPupil, "2025-03-03")).isEqualTo("O");
        assertThat(currentCode(failing, failingPupil, "2025-03-03")).isEqualTo("N");
    }

    private double failures(String urn) {
        Counter counter = meters.find(AutomaticNConversion.FAILURES).tag("urn", urn).counter();
        return counter == null ? 0 : counter.count();
    }

    private void enablePolicy(String urn) {
        var policy = api().put("/api/v1/schools/" + urn + "/n-conversion-policy",
                Map.of("enabled", true, "owner", LEAD, "policyVersion", "v3", "by", HEAD));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
    }

    private void closeTheSchoolOn(String urn, String date) {
        List<Map<String, Object>> closures = new ArrayList<>(Fixtures.referenceClosures2024());
        closures.add(Fixtures.closure(date, "BOTH", "Heating failure"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("terms", Fixtures.referenceTerms2024());
        body.put("closures", closures);
        body.put("by", HEAD);
        body.put("reason", "closed after a heating failure");
        var response = api().put("/api/v1/schools/" + urn + "/calendars/2024-25", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private String currentCode(String urn, String upn, String date) {
        JsonNode entries = api().get("/api/v1/schools/" + urn + "/marks/" + upn + "/" + date + "/AM/history")
                .body().path("entries");
        return entries.get(entries.size() - 1).path("code").asText();
    }

    private static List<String> upnsAndDates(JsonNode items) {
        List<String> found = new ArrayList<>();
        items.forEach(item -> found.add(item.path("upn").asText() + " " + item.path("date").asText()));
        return found;
    }
}
