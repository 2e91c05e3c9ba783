package org.attendanceledger.service.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.mark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.attendanceledger.projections.AttendanceProjection;
import org.attendanceledger.projections.ProjectionTables;
import org.attendanceledger.projections.SequentialPerSchoolPolicy;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionReader;
import org.attendanceledger.service.support.ProjectionRebuilds;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rebuild builds new tables while the live ones answer, and swaps them in one transaction; reads wait only for the
 * segments of the schools they read, so a segment held elsewhere holds up only its own schools.
 */
class RebuildWithoutDowntimeTest extends LedgerApiTest {

    private static final String FROM = "2024-09-01";
    private static final String TO = "2024-10-31";
    private static final String OTHER_NODE = "4242@other-node";

    @Autowired
    private ProjectionRebuild rebuild;

    @Autowired
    private ReadYourWrites readYourWrites;

    @Test
    void reads_answer_from_the_live_tables_while_the_rebuild_waits_at_the_swap_and_from_the_rebuilt_ones_after() {
        String urn = fixtures().exampleSchool();
        String upn = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(upn, "2024-10-01", "AM", "/"), mark(upn, "2024-10-01", "PM", "I")));
        ProjectionReader read = new ProjectionReader(api());
        assertThat(read.attendance(urn, upn, FROM, TO).path("possibleSessions").asInt()).isEqualTo(2);
        List<Map<String, Object>> indexesBefore = projectionIndexes();

        CountDownLatch atSwap = new CountDownLatch(1);
        CountDownLatch swapMayGoOn = new CountDownLatch(1);
        rebuild.beforeSwap(id -> {
            atSwap.countDown();
            awaitLatch(swapMayGoOn);
        });
        ProjectionRebuilds.Started started;
        try {
            ProjectionRebuilds.awaitNoneRunning(jdbc);
            started = ProjectionRebuilds.start(port);
            assertThat(started.status()).as(started.job().toString()).isEqualTo(202);
            String id = started.job().path("id").asText();
            assertThat(started.location()).isEqualTo("/api/v1/admin/projections/rebuild/" + id);
            assertThat(started.job().path("state").asText()).isEqualTo("RUNNING");
            awaitLatch(atSwap);

            JsonNode held = api().get(started.location()).body();
            assertThat(held.path("state").asText()).isEqualTo("RUNNING");
            assertThat(held.path("eventsReplayed").asLong()).isEqualTo(held.path("headEvents").asLong())
                    .isPositive();
            ProjectionRebuilds.Started again = ProjectionRebuilds.start(port);
            assertThat(again.status()).isEqualTo(202);
            assertThat(again.job().path("id").asText()).as("asking again answers the running rebuild").isEqualTo(id);

            // A mark posted now reaches the live tables at once; the rebuild's copy stopped before it.
            fixtures().recordMarks(urn, List.of(mark(upn, "2024-10-02", "AM", "/")));
            assertThat(read.attendance(urn, upn, FROM, TO).path("possibleSessions").asInt()).isEqualTo(3);
            assertThat(marksOf("projection_rebuild", urn)).isEqualTo(2);
            assertThat(marksOf("public", urn)).isEqualTo(3);
        } finally {
            swapMayGoOn.countDown();
        }
        JsonNode ended = ProjectionRebuilds.awaitEnd(api(), started.location());
        rebuild.beforeSwap(id -> { });

        assertThat(ended.path("state").asText()).as(ended.toString()).isEqualTo("SUCCEEDED");
        assertThat(ended.path("finishedAt").isTextual()).isTrue();
        // The live processor carried on from the rebuild's tokens, on the rebuilt tables, and handled the third mark.
        assertThat(read.attendance(urn, upn, FROM, TO).path("possibleSessions").asInt()).isEqualTo(3);
        assertThat(projectionIndexes()).as("the rebuilt tables' indexes carry the migrations' names")
                .isEqualTo(indexesBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'projection_rebuild'",
                Integer.class)).as("every copy was moved into public").isZero();
    }

    @Test
    void a_segment_another_node_holds_delays_only_its_own_schools_reads_and_the_rebuild_hands_it_back() {
        Segment[] segments = Segment.computeSegments(liveSegments());
        assertThat(segments).hasSize(4);
        String heldSchool = fixtures().exampleSchool();
        Segment held = segmentOf(segments, heldSchool);
        String freeSchool = fixtures().exampleSchool();
        while (segmentOf(segments, freeSchool).equals(held)) {
            freeSchool = fixtures().exampleSchool();
        }
        String heldPupil = fixtures().admit(heldSchool, "2024-09-04");
        String freePupil = fixtures().admit(freeSchool, "2024-09-04");
        readYourWrites.awaitProjections();

        // Another node claims the segment, with a claim that does not expire while the test runs.
        jdbc.update("UPDATE token_entry SET owner = ?, timestamp = '2100-01-01T00:00:00Z' "
                + "WHERE processor_name = ? AND segment = ?", OTHER_NODE, AttendanceProjection.PROCESSOR,
                held.getSegmentId());
        try {
            fixtures().recordMarks(heldSchool, List.of(mark(heldPupil, "2024-10-01", "AM", "/")));
            fixtures().recordMarks(freeSchool, List.of(mark(freePupil, "2024-10-01", "AM", "/")));

            ProjectionReader read = new ProjectionReader(api());
            assertThat(read.attendance(freeSchool, freePupil, FROM, TO).path("possibleSessions").asInt())
                    .as("a school in another segment is read at once").isEqualTo(1);
            var waiting = api().get("/api/v1/schools/" + heldSchool + "/pupils/" + heldPupil
                    + "/attendance?from=" + FROM + "&to=" + TO);
            assertThat(waiting.status()).as(waiting.toString()).isEqualTo(503);
            assertThat(waiting.errorCode()).isEqualTo("PROJECTIONS_CATCHING_UP");

            JsonNode ended = ProjectionRebuilds.rebuild(api(), jdbc, port);

            assertThat(ended.path("state").asText()).as(ended.toString()).isEqualTo("SUCCEEDED");
            assertThat(read.attendance(heldSchool, heldPupil, FROM, TO).path("possibleSessions").asInt())
                    .as("the swap wrote the segment's token with no owner, and this node took it").isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE owner = ?", Integer.class,
                    OTHER_NODE)).isZero();
        } finally {
            jdbc.update("UPDATE token_entry SET owner = NULL, timestamp = NULL WHERE owner = ?", OTHER_NODE);
        }
    }

    @Test
    void a_rebuild_id_the_ledger_did_not_give_is_404_unknown_rebuild_job() {
        for (String id : List.of("00000000-0000-4000-8000-000000000000", "1-2-3-4-5", "not-a-job",
                "00000000-0000-4000-8000-000000000000x")) {
            var response = api().get("/api/v1/admin/projections/rebuild/" + id);
            assertThat(response.status()).as(id).isEqualTo(404);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.errorCode()).as(id).isEqualTo("UNKNOWN_REBUILD_JOB");
        }
    }

    private int[] liveSegments() {
        return jdbc.queryForList("SELECT segment FROM token_entry WHERE processor_name = ?", Integer.class,
                AttendanceProjection.PROCESSOR).stream().mapToInt(Integer::intValue).toArray();
    }

    private static Segment segmentOf(Segment[] segments, String urn) {
        return Arrays.stream(segments).filter(s -> s.matches(SequentialPerSchoolPolicy.ofSchool(urn)))
                .findFirst().orElseThrow();
    }

    private int marksOf(String schema, String urn) {
        return jdbc.queryForObject("SELECT count(*) FROM " + schema + ".projection_current_mark WHERE urn = ?",
                Integer.class, urn);
    }

    private List<Map<String, Object>> projectionIndexes() {
        return jdbc.queryForList("""
                SELECT tablename, indexname, regexp_replace(indexdef, ' ON \\S+', ' ON') AS definition
                FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY (?)
                ORDER BY tablename, indexname""", (Object) ProjectionTables.ALL.toArray(String[]::new));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(120, TimeUnit.SECONDS)).as("the latch was released").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
