package org.attendanceledger.service.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.HEAD;
import static org.attendanceledger.service.support.Fixtures.mark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.projections.AttendanceProjection;
import org.attendanceledger.projections.ProjectionTables;
import org.attendanceledger.service.support.Fixtures;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionReader;
import org.attendanceledger.service.support.ProjectionRebuilds;
import org.attendanceledger.service.support.ReferenceRegisters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A realistic year in three schools of two LAs, posted register by register, with amendments, a joiner, a leaver
 * deleted after marks were taken, a partial closure, a calendar amendment, and a September crossing: a closure for a
 * year group in the new year, added after its marks, and year-group exceptions recorded after that. The tables kept
 * incrementally must equal, row for row, the tables rebuilt from the event store. Both are kept by processors of four
 * segments on four threads (the test context's settings), so schools are handled concurrently in both.
 */
class ProjectionRebuildTest extends LedgerApiTest {

    private static final int PUPILS_PER_SCHOOL = 8;
    private static final String JOINER_STARTS = "2025-01-07";
    private static final String LEAVER_LAST_DAY = "2025-02-14";
    private static final LocalDate STAGGERED_START = LocalDate.of(2024, 9, 4);

    private final Random random = new Random(20240904L);

    @Autowired
    private ReadYourWrites readYourWrites;

    @Test
    void rebuilt_projections_equal_the_incrementally_kept_ones_row_for_row() {
        String la = ProjectionReader.newLaCode();
        String north = fixtures().exampleSchool(la);
        String south = schoolWithStaggeredStartForYearSeven(la);
        String elsewhere = fixtures().exampleSchool(ProjectionReader.newLaCode());
        List<Pupil> northPupils = admit(north);
        northPupils.add(new Pupil(fixtures().admit(north, JOINER_STARTS, "8"), "8", LocalDate.parse(JOINER_STARTS)));
        List<Pupil> southPupils = admit(south);
        List<PostedMark> northMarks = postTheYearWeekByWeek(north, northPupils, false);
        postTheYearWeekByWeek(south, southPupils, true);
        postTheYearWeekByWeek(elsewhere, admit(elsewhere), false);
        resolveSomeNAndRecodeSomeIllnessAsHoliday(north, northMarks);
        fixtures().delete(south, southPupils.get(2).upn(), LEAVER_LAST_DAY);
        closeADayAndOpenAnInsetDay(north);
        crossSeptemberWithAYearGroupClosureAndExceptions(north, northPupils);

        readYourWrites.awaitProjections(); // the tables are read directly, not through an endpoint that waits
        Map<String, List<Map<String, Object>>> incremental = snapshot();
        JsonNode rebuilt = ProjectionRebuilds.rebuild(api(), jdbc, port);
        readYourWrites.awaitProjections();
        Map<String, List<Map<String, Object>>> replayed = snapshot();

        assertThat(rebuilt.path("state").asText()).as(rebuilt.toString()).isEqualTo("SUCCEEDED");
        assertThat(rebuilt.path("eventsReplayed").asLong()).isEqualTo(eventCount());
        assertThat(rebuilt.path("headEvents").asLong()).isEqualTo(eventCount());
        assertThat(liveSegments()).as("the rebuilt tables were kept by a processor of four segments")
                .containsExactly(0, 1, 2, 3);
        assertThat(incremental.get("projection_current_mark")).hasSizeGreaterThan(3 * PUPILS_PER_SCHOOL * 300);
        assertThat(incremental.get("projection_year_group_exception")).hasSize(2);
        assertThat(scheduledOnInductionDay(north, northPupils)).containsExactly(true, false, false, true, false, true,
                false, true, true);
        for (String table : ProjectionTables.ALL) {
            assertThat(replayed.get(table)).as(table).containsExactlyElementsOf(incremental.get(table));
        }
        theListsAgreeWithEachPupilsOwnFigures(la, north, northPupils);
        theListsAgreeWithEachPupilsOwnFigures(la, south, southPupils);
        theQueueAgreesWithEachPupilsOwnThreshold(la, Map.of(north, northPupils, south, southPupils));
    }

    /** The LA queue starts from the counts stored at each mark; a pupil's own threshold is assessed from the marks. */
    private void theQueueAgreesWithEachPupilsOwnThreshold(String la, Map<String, List<Pupil>> pupilsBySchool) {
        ProjectionReader read = new ProjectionReader(api());
        for (List<String> period : List.of(List.of("2024-09-01", "2025-08-31"), List.of("2025-01-06", "2025-03-31"))) {
            JsonNode queue = read.laThreshold(la, period.get(0), period.get(1));
            int met = 0;
            for (Map.Entry<String, List<Pupil>> school : pupilsBySchool.entrySet()) {
                for (Pupil pupil : school.getValue()) {
                    JsonNode own = read.threshold(school.getKey(), pupil.upn(), period.get(0), period.get(1));
                    JsonNode queued = itemOf(queue, pupil.upn());
                    assertThat(queued != null).as(pupil + " " + own).isEqualTo(own.path("met").asBoolean());
                    if (queued != null) {
                        met++;
                        assertThat(queued.path("firstMetAt")).isEqualTo(own.path("firstMetAt"));
                        assertThat(queued.path("sessions")).isEqualTo(own.path("sessions"));
                        assertThat(queued.path("maxCountInAnyWindow")).isEqualTo(own.path("maxCountInAnyWindow"));
                    }
                }
            }
            assertThat(met).as("pupils who met the threshold in " + period).isPositive();
        }
    }

    /**
     * The lists read counts kept per pupil-year, less the marks after asOf; each pupil's own figures are computed by
     * the rule from the marks. Both must tell the same story, part way through the year and at its end.
     */
    private void theListsAgreeWithEachPupilsOwnFigures(String la, String urn, List<Pupil> pupils) {
        ProjectionReader read = new ProjectionReader(api());
        for (String asOf : List.of("2025-03-31", "2025-08-31")) {
            JsonNode persistent = read.laList(la, "persistent", "2024-25", asOf);
            JsonNode severe = read.laList(la, "severe", "2024-25", asOf);
            for (Pupil pupil : pupils) {
                JsonNode figures = read.attendance(urn, pupil.upn(), "2024-09-01", asOf);
                JsonNode listed = itemOf(persistent, pupil.upn());
                assertThat(listed != null).as(asOf + " " + pupil + " " + figures)
                        .isEqualTo(figures.path("persistentAbsence").asBoolean());
                assertThat(itemOf(severe, pupil.upn()) != null).as(asOf + " " + pupil + " " + figures)
                        .isEqualTo(figures.path("severeAbsence").asBoolean());
                if (listed != null) {
                    assertThat(listed.path("possibleSessions")).isEqualTo(figures.path("possibleSessions"));
                    assertThat(listed.path("overallAbsenceSessions")).isEqualTo(figures.path("overallAbsenceSessions"));
                    assertThat(listed.path("absencePercent")).isEqualTo(figures.path("absencePercent"));
                }
            }
            assertThat(itemOf(severe, pupils.get(0).upn())).as("the severely absent pupil").isNotNull();
        }
    }

    private static JsonNode itemOf(JsonNode list, String upn) {
        for (JsonNode item : list.path("items")) {
            if (item.path("upn").asText().equals(upn)) {
                return item;
            }
        }
        return null;
    }

    private record Pupil(String upn, String yearGroup, LocalDate startingDay) {
    }

    private record PostedMark(String upn, SessionSlot slot, String code) {
    }

    private String schoolWithStaggeredStartForYearSeven(String la) {
        String urn = fixtures().school(la);
        List<Map<String, Object>> closures = new ArrayList<>(Fixtures.referenceClosures2024());
        closures.add(Map.of("date", STAGGERED_START.toString(), "session", "BOTH", "reason", "Staggered start",
                "yearGroups", List.of("7")));
        fixtures().publish(urn, "2024-25", Fixtures.referenceTerms2024(), closures);
        return urn;
    }

    private List<Pupil> admit(String urn) {
        List<Pupil> admitted = new ArrayList<>();
        for (int i = 0; i < PUPILS_PER_SCHOOL; i++) {
            String yearGroup = i % 2 == 0 ? "7" : "8";
            admitted.add(new Pupil(fixtures().admit(urn, "2024-09-04", yearGroup), yearGroup,
                    LocalDate.of(2024, 9, 4)));
        }
        return admitted;
    }

    /** One register per school per week, as an MIS sends them. The first pupil is severely absent, the second often. */
    private List<PostedMark> postTheYearWeekByWeek(String urn, List<Pupil> pupils, boolean staggeredStart) {
        List<PostedMark> posted = new ArrayList<>();
        Map<LocalDate, List<Map<String, Object>>> byWeek = new LinkedHashMap<>();
        for (SessionSlot slot : ReferenceRegisters.SESSIONS_2024_25) {
            for (int i = 0; i < pupils.size(); i++) {
                Pupil pupil = pupils.get(i);
                boolean notYetStarted = staggeredStart && pupil.yearGroup().equals("7")
                        && slot.date().equals(STAGGERED_START);
                if (slot.date().isBefore(pupil.startingDay()) || notYetStarted) {
                    continue;
                }
                String code = code(i, slot);
                posted.add(new PostedMark(pupil.upn(), slot, code));
                byWeek.computeIfAbsent(SchoolTimeline.weekStart(slot.date()), k -> new ArrayList<>())
                        .add(mark(pupil.upn(), slot.date().toString(), slot.session().name(), code));
            }
        }
        byWeek.values().forEach(register -> fixtures().recordMarks(urn, register));
        return posted;
    }

    private String code(int pupilIndex, SessionSlot slot) {
        double absentShare = switch (pupilIndex) {
            case 0 -> 0.7;
            case 1 -> 0.12;
            default -> 0.05;
        };
        if (random.nextDouble() >= absentShare) {
            return random.nextInt(40) == 0 ? "L" : ReferenceRegisters.present(slot.session());
        }
        String[] absences = {"I", "I", "I", "M", "N", "O", "G", "U", "C", "X"};
        return absences[random.nextInt(absences.length)];
    }

    /** Some N marks resolved to O, and some illness recoded as holiday by the headteacher, who holds the grant. */
    private void resolveSomeNAndRecodeSomeIllnessAsHoliday(String urn, List<PostedMark> marks) {
        fixtures().grant(urn, HEAD, "AUTHORISE_ABSENCE", "2024-09-01");
        Map<String, String> corrections = Map.of("N", "O", "I", "G");
        for (String code : corrections.keySet()) {
            marks.stream().filter(m -> m.code().equals(code)).limit(6).forEach(m -> {
                var response = fixtures().amend(urn, m.upn(), m.slot().date().toString(), m.slot().session().name(),
                        corrections.get(code), "reason established", HEAD, "2025-03-01T10:00:00Z");
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
            });
        }
    }

    /** The school closed on 4 Oct after all, so its marks stop counting, and opened on the INSET day of 24 Feb. */
    private void closeADayAndOpenAnInsetDay(String urn) {
        List<Map<String, Object>> closures = new ArrayList<>(Fixtures.referenceClosures2024());
        closures.removeIf(c -> c.get("date").equals("2025-02-24"));
        closures.add(Fixtures.closure("2024-10-04", "BOTH", "Boiler failure"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("terms", Fixtures.referenceTerms2024());
        body.put("closures", closures);
        body.put("by", HEAD);
        body.put("reason", "closed on 4 Oct after a boiler failure; the INSET day of 24 Feb moved");
        var response = api().put("/api/v1/schools/" + urn + "/calendars/2024-25", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private static final String INDUCTION_DAY = "2025-09-10";

    /**
     * The first days of 2025-26 are marked; then the school closes its induction day for year 8 (the pupils admitted
     * in year 7), and records two exceptions: the first pupil stays in year 7 (so the day is his again), the second
     * (admitted in year 8) is in year 8 again (so the day is closed for her).
     */
    private void crossSeptemberWithAYearGroupClosureAndExceptions(String urn, List<Pupil> pupils) {
        List<Map<String, Object>> register = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2025, 9, 3); !day.isAfter(LocalDate.of(2025, 9, 12)); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() > 5) {
                continue;
            }
            for (Pupil pupil : pupils) {
                for (String session : List.of("AM", "PM")) {
                    register.add(mark(pupil.upn(), day.toString(), session, random.nextInt(5) == 0 ? "N" : "/"));
                }
            }
        }
        fixtures().recordMarks(urn, register);
        Map<String, Object> calendar = new LinkedHashMap<>();
        calendar.put("terms", List.of(Fixtures.term("2025-09-03", "2025-10-24")));
        calendar.put("closures", List.of(Map.of("date", INDUCTION_DAY, "session", "BOTH", "reason",
                "Year 8 induction", "yearGroups", List.of("8"))));
        calendar.put("by", HEAD);
        calendar.put("reason", "induction day for year 8");
        var published = api().put("/api/v1/schools/" + urn + "/calendars/2025-26", calendar);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        for (Map.Entry<Integer, String> exception : Map.of(0, "7", 1, "8").entrySet()) {
            var recorded = api().put("/api/v1/schools/" + urn + "/pupils/" + pupils.get(exception.getKey()).upn()
                    + "/year-groups/2025-26", Map.of("yearGroup", exception.getValue(), "reason",
                    "year group for 2025-26 agreed with the parents", "by", HEAD));
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        }
    }

    /** Whether each pupil's AM mark on the induction day counts, in the order of the pupils. */
    private List<Boolean> scheduledOnInductionDay(String urn, List<Pupil> pupils) {
        List<Boolean> scheduled = new ArrayList<>();
        for (Pupil pupil : pupils) {
            scheduled.add(jdbc.queryForObject("""
                    SELECT scheduled FROM projection_current_mark
                    WHERE urn = ? AND upn = ? AND session_date = DATE '2025-09-10' AND session = 'AM'""",
                    Boolean.class, urn, pupil.upn()));
        }
        return scheduled;
    }

    private List<Integer> liveSegments() {
        return jdbc.queryForList("SELECT segment FROM token_entry WHERE processor_name = ? ORDER BY segment",
                Integer.class, AttendanceProjection.PROCESSOR);
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (String table : ProjectionTables.ALL) {
            tables.put(table, jdbc.queryForList("SELECT * FROM " + table + " t ORDER BY t::text"));
        }
        return tables;
    }
}
