package org.attendanceledger.service.penalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.allDay;
import static org.attendanceledger.service.support.Fixtures.mark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.attendanceledger.audit.MerkleHash;
import org.attendanceledger.audit.MerkleProofs;
import org.attendanceledger.audit.TreeHead;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.common.LedgerClock;
import org.attendanceledger.service.audit.LogSigningKey;
import org.attendanceledger.service.leave.LeaveDirectory;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The evidence bundle of a pupil's penalty threshold (contract "Evidence bundle") through HTTP on the real database:
 * the threshold answer and its ten school weeks, each counted session's chain and a proof of its current version that
 * verifies against the signed head, the defences checklist, access and redaction, and the PDF read back as text.
 */
class EvidenceBundleApiTest extends LedgerApiTest {

    @Autowired
    private LeaveDirectory leaveDirectory;

    private static final Base64.Decoder BASE64 = Base64.getDecoder();
    private static final String LA = "311";
    private static final String PERIOD = "?from=2024-09-01&to=2025-07-22";
    /** Free text with markup characters, which the PDF must print as text, never read as XHTML. */
    private static final String REASON = "Parent phoned: <abroad> & \"no evidence\" of illness";

    /** The reference school in LA 311 with a pupil who met the threshold as in TC-01, one counted session amended. */
    private record Case(String urn, String upn) {

        String evidence() {
            return "/api/v1/schools/" + urn + "/pupils/" + upn + "/penalty-threshold/evidence" + PERIOD;
        }
    }

    private Case metThreshold() {
        String urn = fixtures().exampleSchool(LA);
        String upn = fixtures().admit(urn, "2024-09-04");
        // TC-01: 4 G sessions in October and 6 U sessions in late November, eight school weeks apart.
        List<Map<String, Object>> marks = new ArrayList<>(allDay(upn, "G", "2024-10-03", "2024-10-04"));
        marks.addAll(allDay(upn, "U", "2024-11-25", "2024-11-26", "2024-11-27"));
        // What bears on the defences: 2 illness sessions, 1 religious observance, 1 Traveller, 4 present.
        marks.addAll(allDay(upn, "I", "2024-10-07"));
        marks.add(mark(upn, "2024-10-08", "AM", "R"));
        marks.add(mark(upn, "2024-10-08", "PM", "T"));
        marks.addAll(allDay(upn, "/", "2024-10-09", "2024-10-10"));
        fixtures().recordMarks(urn, marks);
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        var amended = fixtures().amend(urn, upn, "2024-10-03", "AM", "O", REASON, HEAD, "2024-10-07T10:00:00Z");
        assertThat(amended.status()).as(amended.toString()).isEqualTo(201);
        return new Case(urn, upn);
    }

    private JsonNode bundle(LedgerClient client, Case pupil) {
        var response = client.get(pupil.evidence());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> list = new ArrayList<>();
        array.forEach(node -> list.add(BASE64.decode(node.asText())));
        return list;
    }

    private static JsonNode sessionAt(JsonNode bundle, String date, String session) {
        for (JsonNode counted : bundle.path("sessions")) {
            if (counted.path("date").asText().equals(date) && counted.path("session").asText().equals(session)) {
                return counted;
            }
        }
        throw new AssertionError("no counted session " + date + " " + session + " in " + bundle.path("sessions"));
    }

    /** The PDF's text with every run of white space (table cells wrap their lines) read as one space. */
    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = PDDocument.load(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    @Test
    void the_bundle_holds_the_threshold_answer_itself_and_the_ten_school_weeks_of_its_window() {
        Case pupil = metThreshold();
        awaitLogged();

        JsonNode bundle = bundle(api(), pupil);
        JsonNode threshold = api().get("/api/v1/schools/" + pupil.urn() + "/pupils/" + pupil.upn()
                + "/penalty-threshold" + PERIOD).body();

        assertThat(bundle.path("threshold")).isEqualTo(threshold);
        assertThat(bundle.path("threshold").path("met").asBoolean()).isTrue();
        JsonNode weeks = bundle.path("schoolWeeks");
        assertThat(weeks).hasSize(10);
        assertThat(weeks.get(0).path("weekStart").asText()).isEqualTo("2024-09-16");
        assertThat(weeks.get(9).path("weekStart").asText()).isEqualTo("2024-11-25");
        // Half term (28 Oct to 1 Nov 2024) is no school week, so the ten weeks skip it.
        assertThat(weeks.findValuesAsText("weekStart")).doesNotContain("2024-10-28").contains("2024-11-04");
        JsonNode firstWeek = weeks.get(0).path("sessions");
        assertThat(firstWeek).hasSize(10);
        assertThat(firstWeek.get(0).path("date").asText()).isEqualTo("2024-09-16");
        assertThat(firstWeek.get(0).path("session").asText()).isEqualTo("AM");
        assertThat(firstWeek.get(9).path("date").asText()).isEqualTo("2024-09-20");
        List<String> counted = new ArrayList<>();
        bundle.path("sessions").forEach(session -> counted.add(session.path("date").asText() + " "
                + session.path("session").asText() + " " + session.path("code").asText()));
        List<String> answered = new ArrayList<>();
        threshold.path("sessions").forEach(session -> answered.add(session.path("date").asText() + " "
                + session.path("session").asText() + " " + session.path("code").asText()));
        assertThat(counted).hasSize(10).containsExactlyElementsOf(answered);
        assertThat(bundle.path("notices")).isEmpty();
        assertThat(bundle.path("leaveDecisions")).isEmpty();
    }

    @Test
    void every_counted_session_proves_its_current_version_against_the_signed_tree_head() {
        Case pupil = metThreshold();
        awaitLogged();

        JsonNode bundle = bundle(api(), pupil);
        JsonNode head = bundle.path("treeHead");
        long size = head.path("treeSize").asLong();
        byte[] root = BASE64.decode(head.path("rootHash").asText());
        JsonNode key = api().get("/api/v1/audit/log/public-key?keyId=" + head.path("keyId").asText()).body();
        byte[] signed = new TreeHead(size, root, head.path("timestamp").asText()).signedBytes();

        assertThat(LogSigningKey.verifies(BASE64.decode(key.path("publicKey").asText()), signed,
                BASE64.decode(head.path("signature").asText()))).isTrue();
        assertThat(api().get("/api/v1/audit/log/tree-head?treeSize=" + size).body()).isEqualTo(head);
        assertThat(bundle.path("sessions")).hasSize(10);
        for (JsonNode session : bundle.path("sessions")) {
            JsonNode chain = session.path("history");
            JsonNode current = chain.get(chain.size() - 1);
            long logIndex = session.path("logIndex").asLong();
            assertThat(logIndex).isEqualTo(current.path("logIndex").asLong()).isLessThan(size);
            assertThat(current.path("code").asText()).isEqualTo(session.path("code").asText());
            assertThat(session.path("inclusionProof").path("treeSize").asLong()).isEqualTo(size);
            byte[] leafHash = BASE64.decode(session.path("leafHash").asText());
            assertThat(MerkleProofs.verifyInclusion(logIndex, size, leafHash,
                    hashes(session.path("inclusionProof").path("auditPath")), root))
                    .as("session %s %s", session.path("date"), session.path("session")).isTrue();

            // The proven leaf is the current version's event: its bytes hash to the leaf hash and carry its code.
            JsonNode entry = api().get("/api/v1/audit/log/entries?limit=1&start=" + logIndex).body()
                    .path("entries").get(0);
            assertThat(MerkleHash.leaf(BASE64.decode(entry.path("leaf").asText()))).isEqualTo(leafHash);
            assertThat(entry.path("event").path("aggregateId").asText())
                    .startsWith(pupil.urn() + ":" + pupil.upn() + ":" + session.path("date").asText());
            assertThat(entry.path("event").path("payload").path("code").asText())
                    .isEqualTo(session.path("code").asText());
        }
    }

    @Test
    void an_amended_counted_session_shows_its_full_chain_with_the_five_audit_items() {
        Case pupil = metThreshold();
        awaitLogged();

        JsonNode amended = sessionAt(bundle(api(), pupil), "2024-10-03", "AM");

        assertThat(amended.path("code").asText()).isEqualTo("O");
        JsonNode chain = amended.path("history");
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).path("kind").asText()).isEqualTo("RECORDED");
        assertThat(chain.get(0).path("code").asText()).isEqualTo("G");
        JsonNode amendment = chain.get(1);
        assertThat(amendment.path("version").asInt()).isEqualTo(2);
        assertThat(amendment.path("kind").asText()).isEqualTo("AMENDED");
        assertThat(amendment.path("previousCode").asText()).isEqualTo("G");
        assertThat(amendment.path("code").asText()).isEqualTo("O");
        assertThat(amendment.path("reason").asText()).isEqualTo(REASON);
        assertThat(amendment.path("by").path("name").asText()).isEqualTo("Ann Head");
        assertThat(amendment.path("by").path("position").asText()).isEqualTo("Headteacher");
        assertThat(amendment.path("at").asText()).isEqualTo("2024-10-07T10:00:00Z");
        assertThat(amendment.path("receivedAt").asText()).isNotBlank();
        assertThat(amendment.path("backdated").asBoolean()).isTrue();
        assertThat(amended.path("logIndex").asLong()).isEqualTo(amendment.path("logIndex").asLong())
                .isGreaterThan(chain.get(0).path("logIndex").asLong());
    }

    @Test
    void a_bundle_as_known_before_an_amendment_shows_the_chain_and_the_count_as_they_were_then() {
        String urn = fixtures().exampleSchool(LA);
        String upn = fixtures().admit(urn, "2024-09-04");
        List<Map<String, Object>> marks = new ArrayList<>(allDay(upn, "G", "2024-10-03", "2024-10-04"));
        marks.addAll(allDay(upn, "U", "2024-11-25", "2024-11-26", "2024-11-27"));
        fixtures().recordMarks(urn, marks);
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        Instant beforeAmendment = Instant.now();
        var amended = fixtures().amend(urn, upn, "2024-10-03", "AM", "O", REASON, HEAD, "2024-10-07T10:00:00Z");
        assertThat(amended.status()).as(amended.toString()).isEqualTo(201);
        awaitLogged();

        var then = api().get(new Case(urn, upn).evidence() + "&asKnownAt=" + beforeAmendment);
        JsonNode now = bundle(api(), new Case(urn, upn));

        assertThat(then.status()).as(then.toString()).isEqualTo(200);
        assertThat(then.body().path("asKnownAt").asText()).isEqualTo(beforeAmendment.toString());
        JsonNode sessionThen = sessionAt(then.body(), "2024-10-03", "AM");
        assertThat(sessionThen.path("code").asText()).isEqualTo("G");
        assertThat(sessionThen.path("history")).hasSize(1);
        assertThat(sessionAt(now, "2024-10-03", "AM").path("history")).hasSize(2);
        // The proof of the version known then still holds against today's signed head.
        assertThat(sessionThen.path("logIndex").asLong())
                .isEqualTo(sessionThen.path("history").get(0).path("logIndex").asLong());
        assertThat(sessionThen.path("inclusionProof").path("treeSize").asLong())
                .isEqualTo(then.body().path("treeHead").path("treeSize").asLong());
    }

    @Test
    void the_defences_checklist_gives_what_the_ledger_counts_for_each_defence_and_no_verdict() {
        Case pupil = metThreshold();
        awaitLogged();

        JsonNode defences = bundle(api(), pupil).path("defencesChecklist");

        assertThat(defences.findValuesAsText("defence")).containsExactly("SICKNESS_OR_UNAVOIDABLE_CAUSE",
                "LEAVE_GRANTED", "RELIGIOUS_OBSERVANCE", "LA_TRANSPORT", "TRAVELLER_TRADE", "ALTERNATIVE_PROVISION");
        assertThat(defences.findValues("verdict")).isEmpty();
        assertThat(defences.get(0).path("facts").get(0).path("sessions").asInt()).as("I").isEqualTo(2);
        assertThat(defences.get(0).path("facts").get(1).path("sessions").asInt()).as("M").isZero();
        assertThat(defences.get(1).path("facts").get(0).path("sessions").asInt()).as("under leave").isZero();
        assertThat(defences.get(2).path("facts").get(0).path("sessions").asInt()).as("R").isEqualTo(1);
        JsonNode traveller = defences.get(4).path("facts");
        assertThat(traveller.get(0).path("sessions").asInt()).as("T").isEqualTo(1);
        assertThat(traveller.get(1).path("sessions").asInt()).as("attended in 12 months").isEqualTo(4);
        assertThat(traveller.get(2).path("sessions").asInt()).isEqualTo(200);
        assertThat(traveller.get(3).path("sessions").isNull()).as("the ledger knows no age").isTrue();
    }

    @Test
    void an_la_officer_of_the_pupils_la_gets_the_bundle_without_reason_text_and_one_of_another_la_is_refused() {
        Case pupil = metThreshold();
        awaitLogged();
        var officer = ApiKeys.issue(api(), "la-officer", List.of(), List.of(LA));
        var otherOfficer = ApiKeys.issue(api(), "la-officer", List.of(), List.of("312"));

        JsonNode seen = bundle(api().as(officer.token()), pupil);
        var refused = api().as(otherOfficer.token()).get(pupil.evidence());

        JsonNode amendment = sessionAt(seen, "2024-10-03", "AM").path("history").get(1);
        assertThat(amendment.path("reason").isNull()).isTrue();
        assertThat(amendment.path("code").asText()).isEqualTo("O");
        assertThat(amendment.path("by").path("name").asText()).isEqualTo("Ann Head");
        assertThat(seen.toString()).doesNotContain(REASON);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void the_pdf_read_back_shows_the_pupil_the_window_the_sessions_and_the_heads_root_hash() throws IOException {
        Case pupil = metThreshold();
        awaitLogged();
        JsonNode bundle = bundle(api(), pupil);

        var pdf = api().getBytes(pupil.evidence(), "application/pdf");

        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        // Kept under target/ so that a reviewer can look at the printed page itself.
        java.nio.file.Files.write(java.nio.file.Path.of("target", "evidence-bundle-sample.pdf"), pdf.body());
        String text = pdfText(pdf.body());
        // Hashes may wrap at any character in a table cell; compare them with the white space taken out.
        String unwrapped = text.replace(" ", "");
        assertThat(text).contains(pupil.upn()).contains(pupil.urn()).contains("2024-09-01 to 2025-07-22")
                .contains("2024-09-16 to 2024-11-25").contains("2024-10-03 AM: code O")
                .contains("2024-11-27 PM: code U").contains(REASON);
        assertThat(unwrapped).contains(bundle.path("treeHead").path("rootHash").asText())
                .contains(bundle.path("treeHead").path("signature").asText())
                .contains(sessionAt(bundle, "2024-10-03", "AM").path("leafHash").asText());
    }

    @Test
    void the_pdf_for_an_la_officer_withholds_the_reason_as_the_json_does() throws IOException {
        Case pupil = metThreshold();
        awaitLogged();
        var officer = ApiKeys.issue(api(), "la-officer", List.of(), List.of(LA));

        var pdf = api().as(officer.token()).getBytes(pupil.evidence(), "application/pdf");

        assertThat(pdf.status()).isEqualTo(200);
        String text = pdfText(pdf.body());
        assertThat(text).contains("2024-10-03 AM: code O").contains("(withheld)").doesNotContain("Parent phoned").doesNotContain("abroad");
    }

    @Test
    void an_unknown_pupil_is_404_unknown_pupil_in_json_and_when_a_pdf_is_asked_for() {
        String urn = fixtures().exampleSchool(LA);
        String path = "/api/v1/schools/" + urn + "/pupils/" + org.attendanceledger.service.support.Fixtures.newUpn() + "/penalty-threshold/evidence";

        var json = api().get(path);
        var pdf = api().getAs(path, "application/pdf");

        assertThat(json.status()).isEqualTo(404);
        assertThat(json.errorCode()).isEqualTo("UNKNOWN_PUPIL");
        assertThat(pdf.status()).isEqualTo(404);
        assertThat(pdf.contentType()).startsWith("application/problem+json");
        assertThat(pdf.body()).contains("UNKNOWN_PUPIL");
    }

    @Test
    void a_pupil_who_never_met_the_threshold_gets_a_bundle_with_met_false_no_weeks_and_no_sessions() {
        String urn = fixtures().exampleSchool(LA);
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, allDay(upn, "G", "2024-10-03", "2024-10-04"));
        fixtures().recordMarks(urn, allDay(upn, "I", "2024-10-07"));

        var response = api().get("/api/v1/schools/" + urn + "/pupils/" + upn + "/penalty-threshold/evidence"
                + PERIOD);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode bundle = response.body();
        assertThat(bundle.path("threshold").path("met").asBoolean()).isFalse();
        assertThat(bundle.path("threshold").path("maxCountInAnyWindow").asInt()).isEqualTo(4);
        assertThat(bundle.path("schoolWeeks")).isEmpty();
        assertThat(bundle.path("sessions")).isEmpty();
        // The checklist then speaks about the whole period asked for.
        assertThat(bundle.path("defencesChecklist").get(0).path("facts").get(0).path("sessions").asInt())
                .isEqualTo(2);
    }

    @Test
    void a_bundle_asked_for_while_the_log_cannot_append_is_503_audit_log_catching_up_and_then_served()
            throws Exception {
        Case pupil = metThreshold();
        awaitLogged();
        // Holding the appender's advisory lock keeps it from logging anything, so the new amendment stays unlogged.
        try (Connection connection = jdbc.getDataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, 0x4c4f47L);
                lock.execute();
            }
            try {
                var amended = fixtures().amend(pupil.urn(), pupil.upn(), "2024-10-04", "PM", "O", "recoded",
                        HEAD, "2024-10-08T10:00:00Z");
                assertThat(amended.status()).as(amended.toString()).isEqualTo(201);
                var refused = api().get(pupil.evidence());

                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.isProblem()).isTrue();
                assertThat(refused.errorCode()).isEqualTo("AUDIT_LOG_CATCHING_UP");
            } finally {
                connection.rollback();
            }
        }
        awaitLogged();

        JsonNode served = sessionAt(bundle(api(), pupil), "2024-10-04", "PM");
        assertThat(served.path("code").asText()).isEqualTo("O");
        assertThat(served.path("history")).hasSize(2);
    }

    /**
     * Leave is asked for in advance, so a request a test makes now covers only sessions still to come, which no window
     * of a past period reaches: the bundle's leave query is checked directly, on requests made through HTTP.
     */
    @Test
    void the_leave_in_a_bundle_is_every_request_of_the_pupil_overlapping_its_dates_and_no_other() {
        LocalDate day = LedgerClock.localDate(Instant.now()).plusDays(7);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        AcademicYear year = AcademicYear.containing(day);
        String urn = fixtures().school(LA);
        fixtures().publish(urn, year.toString(),
                List.of(Fixtures.term(year.firstDay().toString(), year.lastDay().toString())), List.of());
        String upn = fixtures().admit(urn, year.firstDay().toString());
        String otherPupil = fixtures().admit(urn, year.firstDay().toString());
        fixtures().grant(urn, HEAD, "GRANT_LEAVE", year.firstDay().toString());
        String granted = requestLeave(urn, upn, day);
        requestLeave(urn, otherPupil, day);
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("decision", "GRANTED");
        decision.put("code", "C");
        decision.put("reason", "exceptional circumstances");
        decision.put("decidedBy", HEAD);
        decision.put("decidedAt", Instant.now().toString());
        var decided = api().post("/api/v1/schools/" + urn + "/leave-requests/" + granted + "/decision", decision);
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);

        var onTheDay = leaveDirectory.overlapping(urn, upn, day.minusDays(3), day);
        var before = leaveDirectory.overlapping(urn, upn, day.minusDays(30), day.minusDays(1));
        var after = leaveDirectory.overlapping(urn, upn, day.plusDays(1), day.plusDays(30));

        assertThat(onTheDay).hasSize(1);
        assertThat(onTheDay.get(0).id()).isEqualTo(granted);
        assertThat(onTheDay.get(0).decision().name()).isEqualTo("GRANTED");
        assertThat(onTheDay.get(0).code()).isEqualTo("C");
        assertThat(before).isEmpty();
        assertThat(after).isEmpty();
    }

    private String requestLeave(String urn, String upn, LocalDate day) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("upn", upn);
        body.put("from", Map.of("date", day.toString(), "session", "AM"));
        body.put("to", Map.of("date", day.toString(), "session", "PM"));
        body.put("circumstance", "grandparent's funeral abroad");
        body.put("requestedBy", "parent");
        body.put("by", Fixtures.OFFICE);
        var requested = api().post("/api/v1/schools/" + urn + "/leave-requests", body);
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        return requested.body().path("id").asText();
    }
}
