package org.attendanceledger.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.allDay;
import static org.attendanceledger.service.support.Fixtures.closure;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionReader;
import org.junit.jupiter.api.Test;

/**
 * Reads as known at an instant (contract "Reads as known at an instant"): the answer the ledger would have given
 * then, from the events received by then, under the same rules.
 */
class AsKnownAtApiTest extends LedgerApiTest {

    private static final String YEAR = "from=2024-09-01&to=2025-08-31";

    private JsonNode get(String path) {
        var response = api().get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    /** An instant after everything stored so far was received, and before anything stored next. */
    private Instant now() throws InterruptedException {
        Thread.sleep(5);
        Instant instant = Instant.now();
        Thread.sleep(5);
        return instant;
    }

    @Test
    void a_threshold_met_then_unmet_by_an_amendment_replays_as_met_then_in_every_read_and_not_met_now()
            throws InterruptedException {
        String laCode = ProjectionReader.newLaCode();
        String urn = fixtures().exampleSchool(laCode);
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        fixtures().recordMarks(urn, allDay(upn, "N", "2024-10-07", "2024-10-08", "2024-10-09", "2024-10-10",
                "2024-10-11"));
        get("/api/v1/schools/" + urn + "/pupils/" + upn + "/penalty-threshold?" + YEAR);
        Instant whileMet = now();
        var amended = fixtures().amend(urn, upn, "2024-10-07", "AM", "I", "doctor's note arrived", HEAD,
                "2024-10-15T09:00:00Z");
        assertThat(amended.status()).as(amended.toString()).isEqualTo(201);
        String then = "&asKnownAt=" + whileMet;
        String pupil = "/api/v1/schools/" + urn + "/pupils/" + upn;

        JsonNode metThen = get(pupil + "/penalty-threshold?" + YEAR + then);
        JsonNode metNow = get(pupil + "/penalty-threshold?" + YEAR);
        JsonNode queueThen = get("/api/v1/las/" + laCode + "/penalty-threshold?" + YEAR + then);
        JsonNode queueNow = get("/api/v1/las/" + laCode + "/penalty-threshold?" + YEAR);
        JsonNode figuresThen = get(pupil + "/attendance?" + YEAR + then);
        JsonNode figuresNow = get(pupil + "/attendance?" + YEAR);
        JsonNode registerThen = get("/api/v1/schools/" + urn + "/registers/2024-10-07/AM?asKnownAt=" + whileMet);
        JsonNode historyThen = get("/api/v1/schools/" + urn + "/marks/" + upn + "/2024-10-07/AM/history?asKnownAt="
                + whileMet);
        JsonNode historyNow = get("/api/v1/schools/" + urn + "/marks/" + upn + "/2024-10-07/AM/history");

        assertThat(metThen.path("met").asBoolean()).isTrue();
        assertThat(metThen.path("breachAt").path("date").asText()).isEqualTo("2024-10-11");
        assertThat(Instant.parse(metThen.path("asKnownAt").asText())).isEqualTo(whileMet);
        assertThat(metNow.path("met").asBoolean()).isFalse();
        assertThat(metNow.path("asKnownAt").isNull()).isTrue();
        assertThat(queueThen.path("items")).extracting(item -> item.path("upn").asText()).containsExactly(upn);
        assertThat(queueNow.path("items")).isEmpty();
        assertThat(figuresThen.path("unauthorisedAbsenceSessions").asInt()).isEqualTo(10);
        assertThat(figuresNow.path("unauthorisedAbsenceSessions").asInt()).isEqualTo(9);
        assertThat(figuresNow.path("authorisedAbsenceSessions").asInt()).isEqualTo(1);
        assertThat(registerThen.path("marks")).extracting(m -> m.path("code").asText()).containsExactly("N");
        assertThat(historyThen.path("entries")).hasSize(1);
        assertThat(historyNow.path("entries")).hasSize(2);
    }

    @Test
    void a_calendar_amended_after_its_marks_replays_under_the_old_calendar_before_the_amendment()
            throws InterruptedException {
        String urn = fixtures().exampleSchool(ProjectionReader.newLaCode());
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(upn, "O", "2024-10-04"));
        get("/api/v1/schools/" + urn + "/pupils/" + upn + "/attendance?" + YEAR);
        Instant beforeTheClosure = now();
        List<Map<String, Object>> closures = new ArrayList<>(Fixtures.referenceClosures2024());
        closures.add(closure("2024-10-04", "BOTH", "Boiler failure"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("terms", Fixtures.referenceTerms2024());
        body.put("closures", closures);
        body.put("by", HEAD);
        body.put("reason", "closed on 4 Oct after a boiler failure");
        assertThat(api().put("/api/v1/schools/" + urn + "/calendars/2024-25", body).status()).isEqualTo(200);
        String day = "/api/v1/schools/" + urn + "/pupils/" + upn + "/attendance?from=2024-10-04&to=2024-10-04";

        JsonNode then = get(day + "&asKnownAt=" + beforeTheClosure);
        JsonNode now = get(day);

        assertThat(then.path("scheduledSessions").asInt()).isEqualTo(2);
        assertThat(then.path("unauthorisedAbsenceSessions").asInt()).isEqualTo(2);
        assertThat(now.path("scheduledSessions").asInt()).isZero();
        assertThat(now.path("unauthorisedAbsenceSessions").asInt()).isZero();
    }

    @Test
    void overdue_n_and_missing_marks_replay_as_they_were_before_the_register_was_corrected()
            throws InterruptedException {
        String urn = fixtures().exampleSchool(ProjectionReader.newLaCode());
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(Fixtures.mark(upn, "2024-10-07", "AM", "N")));
        get("/api/v1/schools/" + urn + "/overdue-n?asOf=2024-12-01");
        Instant before = now();
        assertThat(fixtures().amend(urn, upn, "2024-10-07", "AM", "O", "no reason given", HEAD,
                "2024-10-15T09:00:00Z").status()).isEqualTo(201);
        fixtures().recordMarks(urn, List.of(Fixtures.mark(upn, "2024-10-07", "PM", "\\")));
        String then = "asKnownAt=" + before;
        String missing = "/api/v1/schools/" + urn + "/missing-marks?from=2024-10-07&to=2024-10-07";

        JsonNode overdueThen = get("/api/v1/schools/" + urn + "/overdue-n?asOf=2024-12-01&" + then);
        JsonNode overdueNow = get("/api/v1/schools/" + urn + "/overdue-n?asOf=2024-12-01");
        JsonNode missingThen = get(missing + "&" + then);
        JsonNode missingNow = get(missing);

        assertThat(overdueThen.path("items")).extracting(i -> i.path("upn").asText()).containsExactly(upn);
        assertThat(overdueNow.path("items")).isEmpty();
        assertThat(missingThen.path("missingMarks").asInt()).isEqualTo(1);
        assertThat(missingThen.path("sessions").get(0).path("session").asText()).isEqualTo("PM");
        assertThat(missingNow.path("missingMarks").asInt()).isZero();
    }

    @Test
    void an_instant_before_the_pupil_was_admitted_gives_empty_answers_and_one_in_the_future_is_refused() {
        String laCode = ProjectionReader.newLaCode();
        String urn = fixtures().exampleSchool(laCode);
        Instant beforeAdmission = Instant.now();
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(upn, "I", "2024-10-07"));
        String pupil = "/api/v1/schools/" + urn + "/pupils/" + upn;

        JsonNode early = get(pupil + "/attendance?" + YEAR + "&asKnownAt=" + beforeAdmission);
        JsonNode severeEarly = get("/api/v1/las/" + laCode + "/absence-lists/severe?academicYear=2024-25"
                + "&asOf=2025-08-31&asKnownAt=" + beforeAdmission);
        JsonNode severeNow = get("/api/v1/las/" + laCode + "/absence-lists/severe?academicYear=2024-25"
                + "&asOf=2025-08-31&asKnownAt=" + Instant.now());
        var future = api().get(pupil + "/attendance?" + YEAR + "&asKnownAt=" + Instant.now().plusSeconds(3600));
        var unparsable = api().get(pupil + "/attendance?" + YEAR + "&asKnownAt=yesterday");

        assertThat(early.path("scheduledSessions").asInt()).isZero();
        assertThat(early.path("possibleSessions").asInt()).isZero();
        assertThat(severeEarly.path("items")).isEmpty();
        assertThat(severeNow.path("items")).extracting(i -> i.path("upn").asText()).containsExactly(upn);
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.body().path("code").asText()).isEqualTo("AS_KNOWN_AT_IN_FUTURE");
        assertThat(unparsable.status()).isEqualTo(422);
        assertThat(unparsable.body().path("errors").get(0).path("field").asText()).isEqualTo("asKnownAt");
    }
}
