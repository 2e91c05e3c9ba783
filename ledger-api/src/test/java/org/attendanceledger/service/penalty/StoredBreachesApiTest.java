package org.attendanceledger.service.penalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.allDay;
import static org.attendanceledger.service.support.Fixtures.mark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionReader;
import org.attendanceledger.service.support.ReferenceRegisters;
import org.junit.jupiter.api.Test;

/**
 * The LA penalty queue is read from the breaches the projection stores (projection_threshold_breach), now and as
 * known at an instant. Each pupil's own threshold is still assessed by the rule from the marks, so the two must agree
 * item for item, through amendments, calendar amendments and roll changes, and the stored versions must be closed,
 * never rewritten, when a breach stops holding.
 */
class StoredBreachesApiTest extends LedgerApiTest {

    private static final String YEAR_FROM = "2024-09-01";
    private static final String YEAR_TO = "2025-08-31";
    private static final String WEEK_OF_7_OCTOBER = "2024-10-07";

    private JsonNode get(String path) {
        var response = api().get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private JsonNode queue(String laCode, String from, String to, Instant knownAt) {
        return get("/api/v1/las/" + laCode + "/penalty-threshold?from=" + from + "&to=" + to
                + (knownAt == null ? "" : "&asKnownAt=" + knownAt));
    }

    private JsonNode own(String urn, String upn, String from, String to, Instant knownAt) {
        return get("/api/v1/schools/" + urn + "/pupils/" + upn + "/penalty-threshold?from=" + from + "&to=" + to
                + (knownAt == null ? "" : "&asKnownAt=" + knownAt));
    }

    /** An instant after everything stored so far was received, and before anything stored next. */
    private static Instant between() throws InterruptedException {
        Thread.sleep(5);
        Instant instant = Instant.now();
        Thread.sleep(5);
        return instant;
    }

    @Test
    void for_random_pupils_and_periods_the_stored_queue_equals_each_pupils_threshold_assessed_from_the_marks()
            throws InterruptedException {
        String laCode = ProjectionReader.newLaCode();
        String urn = fixtures().exampleSchool(laCode);
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        Random random = new Random(20250317L);
        List<String> pupils = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            pupils.add(fixtures().admit(urn, "2024-09-04"));
        }
        // Each pupil has an absence rate of their own, from rare to persistent, so some meet the threshold once,
        // some several times and some never, across half terms and the Christmas holiday.
        Map<String, Double> rates = new LinkedHashMap<>();
        pupils.forEach(upn -> rates.put(upn, 0.02 + random.nextDouble() * 0.2));
        List<Map<String, Object>> counted = new ArrayList<>();
        List<SessionSlot> sessions = ReferenceRegisters.SESSIONS_2024_25.stream()
                .filter(slot -> !slot.date().isAfter(LocalDate.of(2025, 2, 14))).toList();
        for (SessionSlot slot : sessions) {
            List<Map<String, Object>> register = new ArrayList<>();
            for (String upn : pupils) {
                String code = random.nextDouble() < rates.get(upn) ? List.of("G", "N", "O", "U").get(random.nextInt(4))
                        : "/";
                Map<String, Object> mark = mark(upn, slot.date().toString(), slot.session().name(), code);
                register.add(mark);
                if (!code.equals("/")) {
                    counted.add(mark);
                }
            }
            fixtures().recordMarks(urn, register);
        }
        Instant beforeAmendments = between();
        // Authorising some absences takes breaches away (or moves them later); recoding some presents as holiday adds.
        Collections.shuffle(counted, random);
        for (Map<String, Object> mark : counted.subList(0, 25)) {
            var amended = fixtures().amend(urn, (String) mark.get("upn"), (String) mark.get("date"),
                    (String) mark.get("session"), "I", "doctor's note arrived", HEAD, "2025-03-03T09:00:00Z");
            assertThat(amended.status()).as(amended.toString()).isEqualTo(201);
        }

        int metNow = 0;
        int metBefore = 0;
        for (List<String> period : List.of(List.of(YEAR_FROM, YEAR_TO), List.of("2024-11-04", "2025-01-31"),
                List.of("2024-10-09", "2024-12-20"), List.of("2025-01-06", "2025-02-14"))) {
            metNow += theQueueAgreesWithEachPupil(laCode, urn, pupils, period, null);
            metBefore += theQueueAgreesWithEachPupil(laCode, urn, pupils, period, beforeAmendments);
        }
        // A comparison of two empty queues would prove nothing.
        assertThat(metNow).isGreaterThan(8);
        assertThat(metBefore).isGreaterThan(8);
    }

    /** Every item of the queue equals the pupil's own answer, field for field; every pupil not listed did not meet it. */
    private int theQueueAgreesWithEachPupil(String laCode, String urn, List<String> pupils, List<String> period,
                                            Instant knownAt) {
        JsonNode queue = queue(laCode, period.get(0), period.get(1), knownAt);
        Map<String, JsonNode> items = new LinkedHashMap<>();
        queue.path("items").forEach(item -> items.put(item.path("upn").asText(), item));
        int met = 0;
        for (String upn : pupils) {
            JsonNode own = own(urn, upn, period.get(0), period.get(1), knownAt);
            String as = period + " as known at " + knownAt + ", pupil " + upn + ": " + own;
            assertThat(items.containsKey(upn)).as(as).isEqualTo(own.path("met").asBoolean());
            if (items.containsKey(upn)) {
                met++;
                assertThat(items.get(upn)).as(as).isEqualTo(own);
            }
        }
        return met;
    }

    @Test
    void an_amendment_that_unmeets_a_breach_closes_its_stored_version_so_the_queue_drops_the_pupil_only_from_then()
            throws InterruptedException {
        String laCode = ProjectionReader.newLaCode();
        String urn = fixtures().exampleSchool(laCode);
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        fixtures().recordMarks(urn, allDay(upn, "O", week(WEEK_OF_7_OCTOBER)));
        Instant whileMet = between();

        var amended = fixtures().amend(urn, upn, "2024-10-09", "AM", "I", "doctor's note arrived", HEAD,
                "2024-10-15T09:00:00Z");
        assertThat(amended.status()).as(amended.toString()).isEqualTo(201);

        JsonNode then = queue(laCode, YEAR_FROM, YEAR_TO, whileMet);
        assertThat(then.path("items")).hasSize(1);
        assertThat(then.path("items").get(0).path("breachAt").path("date").asText()).isEqualTo("2024-10-11");
        assertThat(then.path("items").get(0).path("breachAt").path("session").asText()).isEqualTo("PM");
        assertThat(queue(laCode, YEAR_FROM, YEAR_TO, null).path("items")).isEmpty();
        // The breach's version is kept, closed at the amendment's arrival: history is read, not replayed.
        List<Map<String, Object>> versions = jdbc.queryForList("""
                SELECT window_count, known_until FROM projection_threshold_breach
                WHERE urn = ? AND upn = ? AND session_date = '2024-10-11' AND session = 'PM'""", urn, upn);
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("window_count")).isEqualTo(10);
        assertThat(versions.get(0).get("known_until")).isNotNull();
    }

    @Test
    void a_calendar_amendment_closing_a_day_of_counted_marks_unmeets_it_and_the_queue_as_known_before_still_lists_it()
            throws InterruptedException {
        String laCode = ProjectionReader.newLaCode();
        String urn = fixtures().exampleSchool(laCode);
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(upn, "G", week(WEEK_OF_7_OCTOBER)));
        Instant beforeTheClosure = between();

        closeOn(urn, "2024-10-08");

        assertThat(queue(laCode, YEAR_FROM, YEAR_TO, null).path("items")).isEmpty();
        assertThat(own(urn, upn, YEAR_FROM, YEAR_TO, null).path("maxCountInAnyWindow").asInt()).isEqualTo(8);
        JsonNode before = queue(laCode, YEAR_FROM, YEAR_TO, beforeTheClosure);
        assertThat(before.path("items")).hasSize(1);
        assertThat(before.path("items").get(0)).isEqualTo(own(urn, upn, YEAR_FROM, YEAR_TO, beforeTheClosure));
    }

    @Test
    void a_deletion_from_roll_before_the_tenth_mark_unmeets_it_for_that_stay() {
        String laCode = ProjectionReader.newLaCode();
        String urn = fixtures().exampleSchool(laCode);
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(upn, "N", week(WEEK_OF_7_OCTOBER)));
        assertThat(queue(laCode, YEAR_FROM, YEAR_TO, null).path("items")).hasSize(1);
        assertThat(jdbc.queryForObject("""
                SELECT starting_day FROM projection_threshold_breach
                WHERE urn = ? AND upn = ? AND window_count = 10 AND known_until IS NULL""", LocalDate.class, urn, upn))
                .as("the breach belongs to the stay its mark is in").isEqualTo(LocalDate.of(2024, 9, 4));

        fixtures().delete(urn, upn, "2024-10-10");

        assertThat(queue(laCode, YEAR_FROM, YEAR_TO, null).path("items")).isEmpty();
    }

    /**
     * A calendar amendment re-judges every mark of the school's year a chunk of pupils at a time; with more pupils than
     * one chunk, every pupil of every chunk must be re-judged, and in the same transaction as the amendment's event.
     */
    @Test
    void a_calendar_amendment_rejudges_every_pupil_of_a_school_larger_than_one_chunk() {
        String laCode = ProjectionReader.newLaCode();
        String urn = fixtures().exampleSchool(laCode);
        List<String> pupils = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            pupils.add(fixtures().admit(urn, "2024-09-04"));
        }
        for (String date : week(WEEK_OF_7_OCTOBER)) {
            for (String session : List.of("AM", "PM")) {
                fixtures().recordMarks(urn, pupils.stream().map(upn -> mark(upn, date, session, "O")).toList());
            }
        }
        assertThat(queue(laCode, YEAR_FROM, YEAR_TO, null).path("items")).hasSize(pupils.size());

        closeOn(urn, "2024-10-11");

        assertThat(queue(laCode, YEAR_FROM, YEAR_TO, null).path("items")).isEmpty();
        String last = pupils.get(pupils.size() - 1);
        JsonNode figures = get("/api/v1/schools/" + urn + "/pupils/" + last + "/attendance?from=" + YEAR_FROM
                + "&to=" + YEAR_TO);
        assertThat(figures.path("unauthorisedAbsenceSessions").asInt()).isEqualTo(8);
    }

    private static String[] week(String monday) {
        LocalDate start = LocalDate.parse(monday);
        return new String[] {monday, start.plusDays(1).toString(), start.plusDays(2).toString(),
                start.plusDays(3).toString(), start.plusDays(4).toString()};
    }

    private void closeOn(String urn, String date) {
        List<Map<String, Object>> closures = new ArrayList<>(Fixtures.referenceClosures2024());
        closures.add(Fixtures.closure(date, "BOTH", "Boiler failure"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("terms", Fixtures.referenceTerms2024());
        body.put("closures", closures);
        body.put("by", HEAD);
        body.put("reason", "closed after a boiler failure");
        var response = api().put("/api/v1/schools/" + urn + "/calendars/2024-25", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
