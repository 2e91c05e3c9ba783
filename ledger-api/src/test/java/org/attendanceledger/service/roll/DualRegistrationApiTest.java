package org.attendanceledger.service.roll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.OFFICE;
import static org.attendanceledger.service.support.Fixtures.mark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.attendanceledger.service.support.ProjectionReader;
import org.junit.jupiter.api.Test;

/**
 * Rules 8.2 and worked case TC-38: a pupil dual registered at a main school and a PRU. The PRU, admitting second,
 * declares the link; D is accepted only where the other school expects the pupil; ending the dual registration needs
 * the other school's consent; the LA lists the sessions where both schools claim the pupil, or neither does.
 */
class DualRegistrationApiTest extends LedgerApiTest {

    private static final String TUESDAY = "2024-10-01";

    /** A main school and a PRU in one LA, and a pupil on roll at both, the PRU as the subsidiary school. */
    private record Dual(String laCode, String main, String pru, String upn) {
    }

    private Dual dualRegistered() {
        String laCode = ProjectionReader.newLaCode();
        String main = fixtures().exampleSchool(laCode);
        String pru = fixtures().exampleSchool(laCode);
        String upn = fixtures().admit(main, "2024-09-04", "7");
        var admitted = admitWithLink(pru, upn, main, "SUBSIDIARY");
        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(201);
        return new Dual(laCode, main, pru, upn);
    }

    @Test
    void tc38_both_schools_present_on_tuesday_morning_is_listed_until_the_main_school_amends_to_d() {
        Dual dual = dualRegistered();

        var atMain = fixtures().postMarks(dual.main(), List.of(mark(dual.upn(), TUESDAY, "AM", "/")));
        var atPru = fixtures().postMarks(dual.pru(), List.of(mark(dual.upn(), TUESDAY, "AM", "/")));

        assertThat(atMain.status()).as("both events are stored: " + atMain).isEqualTo(200);
        assertThat(atPru.status()).as(atPru.toString()).isEqualTo(200);
        JsonNode listed = conflicts(dual.laCode(), "").body();
        assertThat(listed.at("/items")).hasSize(1);
        JsonNode conflict = listed.at("/items/0");
        assertThat(conflict.at("/upn").asText()).isEqualTo(dual.upn());
        assertThat(conflict.at("/date").asText()).isEqualTo(TUESDAY);
        assertThat(conflict.at("/session").asText()).isEqualTo("AM");
        assertThat(conflict.at("/conflict").asText()).isEqualTo("BOTH_ATTENDING");
        assertThat(schoolsOf(conflict)).containsExactlyInAnyOrderEntriesOf(Map.of(dual.main(), "/", dual.pru(), "/"));
        Instant beforeAmendment = Instant.now();

        var amended = fixtures().amend(dual.main(), dual.upn(), TUESDAY, "AM", "D",
                "Tuesday is a PRU day: the pupil was at the PRU", HEAD, "2024-10-02T09:00:00+01:00");

        assertThat(amended.status()).as(amended.toString()).isIn(200, 201);
        assertThat(conflicts(dual.laCode(), "").body().at("/items")).isEmpty();
        var asKnownBefore = conflicts(dual.laCode(), "&asKnownAt=" + beforeAmendment);
        assertThat(asKnownBefore.body().at("/items")).as("as known before the amendment").hasSize(1);
        assertThat(asKnownBefore.body().at("/asKnownAt").asText()).isNotEmpty();
    }

    @Test
    void the_school_admitting_second_declares_the_link_and_the_first_schools_stay_takes_the_opposite_role() {
        Dual dual = dualRegistered();

        JsonNode atPru = api().get("/api/v1/schools/" + dual.pru() + "/pupils/" + dual.upn()).body();
        JsonNode atMain = api().get("/api/v1/schools/" + dual.main() + "/pupils/" + dual.upn()).body();

        assertThat(atPru.at("/dualRegistrations")).hasSize(1);
        assertThat(atPru.at("/dualRegistrations/0/otherUrn").asText()).isEqualTo(dual.main());
        assertThat(atPru.at("/dualRegistrations/0/role").asText()).isEqualTo("SUBSIDIARY");
        assertThat(atPru.at("/dualRegistrations/0/startingDay").asText()).isEqualTo("2024-09-16");
        assertThat(atPru.at("/dualRegistrations/0/otherStartingDay").asText()).isEqualTo("2024-09-04");
        assertThat(atMain.at("/dualRegistrations")).hasSize(1);
        assertThat(atMain.at("/dualRegistrations/0/otherUrn").asText()).isEqualTo(dual.pru());
        assertThat(atMain.at("/dualRegistrations/0/role").asText()).isEqualTo("MAIN");
        String payload = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number = 0""", String.class, dual.pru() + ":" + dual.upn());
        assertThat(payload).contains("\"dualRegistration\":{\"otherUrn\":\"" + dual.main()
                + "\",\"role\":\"SUBSIDIARY\",\"otherStartingDay\":\"2024-09-04\"}");
    }

    @Test
    void both_schools_recording_d_for_the_same_session_is_a_conflict() {
        Dual dual = dualRegistered();

        fixtures().recordMarks(dual.main(), List.of(mark(dual.upn(), TUESDAY, "PM", "D")));
        fixtures().recordMarks(dual.pru(), List.of(mark(dual.upn(), TUESDAY, "PM", "D"),
                mark(dual.upn(), TUESDAY, "AM", "/")));
        fixtures().recordMarks(dual.main(), List.of(mark(dual.upn(), TUESDAY, "AM", "D")));

        JsonNode items = conflicts(dual.laCode(), "").body().at("/items");
        assertThat(items).as("AM (D at main, / at the PRU) is the rule working").hasSize(1);
        assertThat(items.at("/0/session").asText()).isEqualTo("PM");
        assertThat(items.at("/0/conflict").asText()).isEqualTo("BOTH_D");
        assertThat(schoolsOf(items.get(0))).containsExactlyInAnyOrderEntriesOf(
                Map.of(dual.main(), "D", dual.pru(), "D"));
    }

    @Test
    void d_is_refused_for_a_pupil_not_dual_registered_and_on_a_day_the_other_school_is_closed() {
        String laCode = ProjectionReader.newLaCode();
        String main = fixtures().exampleSchool(laCode);
        String pru = fixtures().school(laCode);
        List<Map<String, Object>> closures = new ArrayList<>(Fixtures.referenceClosures2024());
        closures.add(Fixtures.closure("2024-10-02", "BOTH", "INSET"));
        fixtures().publish(pru, "2024-25", Fixtures.referenceTerms2024(), closures);
        String single = fixtures().admit(main, "2024-09-04", "7");
        String dual = fixtures().admit(main, "2024-09-04", "7");
        assertThat(admitWithLink(pru, dual, main, "SUBSIDIARY").status()).isEqualTo(201);
        long before = eventCount();

        var notDual = fixtures().postMarks(main, List.of(mark(single, TUESDAY, "AM", "D")));
        var pruClosed = fixtures().postMarks(main, List.of(mark(dual, "2024-10-02", "AM", "D")));
        var amendedToD = amendToD(main, single);

        assertThat(notDual.status()).isEqualTo(422);
        assertThat(notDual.errorCode()).isEqualTo("NOT_DUAL_REGISTERED");
        assertThat(notDual.body().at("/errors/0/field").asText()).isEqualTo("code");
        assertThat(pruClosed.status()).isEqualTo(422);
        assertThat(pruClosed.errorCode()).isEqualTo("NO_SESSION_AT_OTHER_SCHOOL");
        assertThat(amendedToD.status()).isEqualTo(422);
        assertThat(amendedToD.errorCode()).isEqualTo("NOT_DUAL_REGISTERED");
        assertThat(eventCount()).as("nothing stored").isEqualTo(before + 1);
        var pruOpen = fixtures().postMarks(main, List.of(mark(dual, TUESDAY, "AM", "D")));
        assertThat(pruOpen.status()).as("the main school's stay has the link too: " + pruOpen).isEqualTo(200);
    }

    /** Records / for the pupil on Tuesday AM (that is the one event) and then tries to amend it to D. */
    private LedgerClient.Response amendToD(String urn, String upn) {
        fixtures().recordMarks(urn, List.of(mark(upn, TUESDAY, "AM", "/")));
        return fixtures().amend(urn, upn, TUESDAY, "AM", "D", "was at another school", HEAD,
                "2024-10-02T09:00:00+01:00");
    }

    @Test
    void a_dual_admission_needs_the_other_school_and_the_pupil_on_roll_there() {
        String laCode = ProjectionReader.newLaCode();
        String main = fixtures().exampleSchool(laCode);
        String pru = fixtures().exampleSchool(laCode);
        String upn = Fixtures.newUpn();
        long before = eventCount();

        var notOnRollThere = admitWithLink(pru, upn, main, "SUBSIDIARY");
        var noSuchSchool = admitWithLink(pru, upn, "999998", "SUBSIDIARY");
        var itself = admitWithLink(pru, upn, pru, "MAIN");

        assertThat(notOnRollThere.status()).isEqualTo(422);
        assertThat(notOnRollThere.errorCode()).isEqualTo("NOT_ON_ROLL");
        assertThat(notOnRollThere.body().at("/errors/0/field").asText()).isEqualTo("dualRegistration.otherUrn");
        assertThat(noSuchSchool.status()).isEqualTo(404);
        assertThat(noSuchSchool.errorCode()).isEqualTo("UNKNOWN_SCHOOL");
        assertThat(noSuchSchool.body().at("/errors/0/field").asText()).isEqualTo("dualRegistration.otherUrn");
        assertThat(itself.status()).isEqualTo(422);
        assertThat(itself.errorCode()).isEqualTo("NOT_ON_ROLL");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void ending_a_dual_registration_without_the_other_schools_consent_is_refused_and_with_it_is_stored_once() {
        Dual dual = dualRegistered();
        String single = fixtures().admit(dual.pru(), "2024-09-04", "7");
        Map<String, Object> consent = Map.of("by", Map.of("name", "Ann Head", "position", "Headteacher"),
                "on", "2024-11-28");
        long before = eventCount();

        var withoutConsent = endDualRegistration(dual.pru(), dual.upn(), null);
        var halfConsent = endDualRegistration(dual.pru(), dual.upn(), Map.of("on", "2024-11-28"));
        var notDual = endDualRegistration(dual.pru(), single, consent);
        var consentOnAnotherGround = api().post("/api/v1/schools/" + dual.pru() + "/pupils/" + dual.upn()
                + "/deletion", Map.of("lastDayOnRoll", "2024-11-29", "ground", "MOVED_AWAY", "reason", "moved",
                "by", OFFICE, "otherSchoolConsent", consent));

        assertThat(withoutConsent.status()).isEqualTo(422);
        assertThat(withoutConsent.errorCode()).isEqualTo("OTHER_SCHOOL_CONSENT_MISSING");
        assertThat(withoutConsent.body().at("/errors/0/field").asText()).isEqualTo("otherSchoolConsent");
        assertThat(halfConsent.errorCode()).isEqualTo("OTHER_SCHOOL_CONSENT_MISSING");
        assertThat(notDual.status()).isEqualTo(422);
        assertThat(notDual.errorCode()).isEqualTo("NOT_DUAL_REGISTERED");
        assertThat(consentOnAnotherGround.status()).isEqualTo(422);
        assertThat(consentOnAnotherGround.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(eventCount()).as("nothing stored").isEqualTo(before);

        var ended = endDualRegistration(dual.pru(), dual.upn(), consent);
        var retried = endDualRegistration(dual.pru(), dual.upn(), consent);

        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(eventCount()).as("one deletion, stored once").isEqualTo(before + 1);
        String payload = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""", String.class,
                dual.pru() + ":" + dual.upn());
        assertThat(payload).contains("\"ground\":\"DUAL_REGISTRATION_ENDED\"",
                "\"otherSchoolConsent\":{\"otherUrn\":\"" + dual.main() + "\"", "\"on\":\"2024-11-28\"");
        var afterTheEnd = fixtures().postMarks(dual.main(), List.of(mark(dual.upn(), "2024-12-03", "AM", "D")));
        assertThat(afterTheEnd.errorCode()).as("the PRU's stay ended on 29 Nov").isEqualTo("NOT_DUAL_REGISTERED");
    }

    @Test
    void an_la_officer_of_another_la_is_refused_the_list_and_one_of_the_la_reads_it() {
        Dual dual = dualRegistered();
        LedgerClient ours = api().as(ApiKeys.issue(api(), "la-officer", List.of(), List.of(dual.laCode())).token());
        LedgerClient theirs = api().as(ApiKeys.issue(api(), "la-officer", List.of(),
                List.of(ProjectionReader.newLaCode())).token());

        var refused = theirs.get("/api/v1/las/" + dual.laCode() + "/dual-registration-conflicts");
        var read = ours.get("/api/v1/las/" + dual.laCode() + "/dual-registration-conflicts");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
    }

    @Test
    void bad_parameters_of_the_conflicts_list_are_refused_with_their_codes() {
        String laCode = ProjectionReader.newLaCode();
        String list = "/api/v1/las/" + laCode + "/dual-registration-conflicts";

        var notAnLa = api().get("/api/v1/las/12/dual-registration-conflicts");
        var reversed = api().get(list + "?from=2024-10-31&to=2024-10-01");
        var future = api().get(list + "?asKnownAt=" + Instant.now().plusSeconds(3600));
        var noOffset = api().get(list + "?asKnownAt=2024-10-01T10:00:00");

        assertThat(notAnLa.status()).isEqualTo(422);
        assertThat(notAnLa.body().at("/errors/0/field").asText()).isEqualTo("laCode");
        assertThat(reversed.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(reversed.body().at("/errors/0/field").asText()).isEqualTo("from");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.errorCode()).isEqualTo("AS_KNOWN_AT_IN_FUTURE");
        assertThat(noOffset.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(noOffset.body().at("/errors/0/field").asText()).isEqualTo("asKnownAt");
    }

    @Test
    void the_conflicts_list_as_csv_parses_back_to_the_json() throws Exception {
        Dual dual = dualRegistered();
        fixtures().recordMarks(dual.main(), List.of(mark(dual.upn(), TUESDAY, "AM", "/"),
                mark(dual.upn(), TUESDAY, "PM", "D"), mark(dual.upn(), "2024-10-02", "AM", "/")));
        fixtures().recordMarks(dual.pru(), List.of(mark(dual.upn(), TUESDAY, "AM", "L"),
                mark(dual.upn(), TUESDAY, "PM", "D"), mark(dual.upn(), "2024-10-02", "AM", "/")));
        String path = "/api/v1/las/" + dual.laCode() + "/dual-registration-conflicts?from=2024-09-01&to=2024-10-31";

        JsonNode json = api().get(path).body().at("/items");
        var csv = api().getAs(path, "text/csv");
        MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.body());
        List<Map<String, String>> parsed = rows.readAll();

        assertThat(csv.status()).isEqualTo(200);
        assertThat(json).hasSize(3);
        assertThat(parsed).extracting(row -> row.get("date") + " " + row.get("session") + " " + row.get("conflict"))
                .containsExactly("2024-10-01 AM BOTH_ATTENDING", "2024-10-01 PM BOTH_D", "2024-10-02 AM BOTH_ATTENDING");
        for (int i = 0; i < parsed.size(); i++) {
            Map<String, String> row = parsed.get(i);
            JsonNode item = json.get(i);
            assertThat(row.keySet()).containsExactly("upn", "date", "session", "conflict", "schools");
            assertThat(row.get("upn")).isEqualTo(item.get("upn").asText());
            assertThat(row.get("date")).isEqualTo(item.get("date").asText());
            assertThat(new ObjectMapper().readTree(row.get("schools"))).isEqualTo(item.get("schools"));
        }
    }

    private static Map<String, String> schoolsOf(JsonNode conflict) {
        Map<String, String> codes = new LinkedHashMap<>();
        conflict.get("schools").forEach(school -> codes.put(school.get("urn").asText(), school.get("code").asText()));
        return codes;
    }

    private LedgerClient.Response conflicts(String laCode, String extra) {
        var response = api().get("/api/v1/las/" + laCode + "/dual-registration-conflicts?from=2024-09-01&to=2024-10-31"
                + extra);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private LedgerClient.Response admitWithLink(String urn, String upn, String otherUrn, String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("upn", upn);
        body.put("startingDay", "2024-09-16");
        body.put("yearGroup", "7");
        body.put("by", OFFICE);
        body.put("dualRegistration", Map.of("otherUrn", otherUrn, "role", role));
        return api().post("/api/v1/schools/" + urn + "/pupils", body);
    }

    private LedgerClient.Response endDualRegistration(String urn, String upn, Map<String, Object> consent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lastDayOnRoll", "2024-11-29");
        body.put("ground", "DUAL_REGISTRATION_ENDED");
        body.put("reason", "full time at the main school again");
        body.put("by", OFFICE);
        if (consent != null) {
            body.put("otherSchoolConsent", consent);
        }
        return api().post("/api/v1/schools/" + urn + "/pupils/" + upn + "/deletion", body);
    }
}
