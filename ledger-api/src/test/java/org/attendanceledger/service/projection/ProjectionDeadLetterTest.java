package org.attendanceledger.service.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.mark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attendanceledger.projections.AttendanceProjection;
import org.attendanceledger.projections.RebuildProjection;
import org.attendanceledger.register.api.RegisterEntryEvent;
import org.attendanceledger.roll.api.EnrolmentEvent;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.ProjectionRebuilds;
import org.attendanceledger.projections.SequentialPerSchoolPolicy;
import org.attendanceledger.service.infrastructure.EmbeddedPostgresServer;
import org.attendanceledger.service.support.Fixtures;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An event the projection's handlers fail on is held in the JDBC dead-letter queue with its school's later events,
 * while every other school's events go on being projected; once the fault is gone, an admin's retry projects them.
 * The fault is a test-only handler in the projections' processing group, run before the real one, that fails for
 * one school while poisoned: the stored events themselves are never touched.
 */
@Import(ProjectionDeadLetterTest.PoisonConfiguration.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProjectionDeadLetterTest extends LedgerApiTest {

    @Autowired
    @Qualifier("poisonedSchool")
    PoisonedSchool poison;

    @Autowired
    PoisonedSchoolInTheRebuild poisonInTheRebuild;

    @Autowired
    ProjectionProgress progress;

    @Value("${ledger.projections.segments}")
    int segments;

    @Autowired
    EmbeddedPostgresServer postgres;

    @AfterEach
    void cure() {
        poison.poisoned = null;
        poisonInTheRebuild.poisoned = null;
    }

    /**
     * A rebuild replays every event, held ones included, into new tables with a dead-letter queue of its own, which
     * replaces the live queue at the swap: what is held afterwards is what failed in the replay, never a letter left
     * from before, and the rebuilt tables hold every event that did not fail.
     */
    @Test
    void a_rebuild_holds_again_what_fails_again_and_projects_what_no_longer_fails() throws Exception {
        String poisonedUrn = fixtures().exampleSchool();
        String healthyUrn = fixtures().exampleSchool();
        awaitProjected();
        poison.poisoned = poisonedUrn;
        poisonInTheRebuild.poisoned = poisonedUrn;
        admitAndMarkOnePupilIn(poisonedUrn, healthyUrn);
        List<String> heldBefore = heldEventIds(poisonedUrn);
        assertThat(heldBefore).hasSize(2);

        var stillFailing = ProjectionRebuilds.rebuild(api(), jdbc, port);

        assertThat(stillFailing.path("state").asText()).as(stillFailing.toString()).isEqualTo("SUCCEEDED");
        assertThat(heldEventIds(poisonedUrn)).as("the same two events, held again by the replay")
                .containsExactlyElementsOf(heldBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?",
                Long.class, RebuildProjection.PROCESSOR)).as("the rebuild's queue became the live one").isZero();
        assertThat(currentMarks(poisonedUrn)).isZero();
        assertThat(currentMarks(healthyUrn)).isEqualTo(1);

        poison.poisoned = null;
        poisonInTheRebuild.poisoned = null;
        var cured = ProjectionRebuilds.rebuild(api(), jdbc, port);

        assertThat(cured.path("state").asText()).as(cured.toString()).isEqualTo("SUCCEEDED");
        assertThat(heldEventIds(poisonedUrn)).isEmpty();
        assertThat(currentMarks(poisonedUrn)).isEqualTo(1);
        assertThat(currentMarks(healthyUrn)).isEqualTo(1);
    }

    /**
     * The write of a batch, not a handler, fails: PostgreSQL refuses the poisoned school's enrolment row (a trigger
     * the test adds as the superuser). The batch is rolled back and, when the processor hands its events over again,
     * projected one by one: the admission whose write fails is held with its school's mark, and a healthy school of the
     * same segment is projected, so the segment goes on instead of retrying the same batch for ever.
     */
    @Test
    void a_batch_whose_write_fails_holds_the_event_that_fails_and_projects_the_rest_of_its_segment() throws Exception {
        String poisonedUrn = fixtures().exampleSchool();
        String healthyUrn = schoolInTheSameSegmentAs(poisonedUrn);
        awaitProjected();
        JdbcTemplate superuser = new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl()));
        superuser.execute("""
                CREATE FUNCTION test_refuse_enrolment() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION 'enrolment refused for the test' USING ERRCODE = 'check_violation';
                END $$;
                CREATE TRIGGER test_refuse_enrolment BEFORE INSERT ON projection_enrolment FOR EACH ROW
                  WHEN (NEW.urn = '%s') EXECUTE FUNCTION test_refuse_enrolment();""".formatted(poisonedUrn));
        try {
            admitAndMarkOnePupilIn(poisonedUrn, healthyUrn);

            assertThat(currentMarks(healthyUrn)).isEqualTo(1);
            assertThat(currentMarks(poisonedUrn)).isZero();
            var held = api().get("/api/v1/admin/dead-letters");
            assertAdmissionHeldWithTheMarkBehindIt(held.body(), poisonedUrn, DataIntegrityViolationException.class);
        } finally {
            superuser.execute("DROP TRIGGER test_refuse_enrolment ON projection_enrolment;"
                    + " DROP FUNCTION test_refuse_enrolment();");
        }

        var retried = api().post("/api/v1/admin/dead-letters/" + poisonedUrn + "/retry", null);

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("projected").asBoolean()).isTrue();
        assertThat(currentMarks(poisonedUrn)).isEqualTo(1);
        assertThat(heldEventIds(poisonedUrn)).isEmpty();
    }

    /** Admits one pupil to each school, then marks each present, in that order, and waits until all is projected. */
    private void admitAndMarkOnePupilIn(String... urns) throws InterruptedException {
        List<String> pupils = Arrays.stream(urns).map(urn -> fixtures().admit(urn, "2024-09-04")).toList();
        for (int i = 0; i < urns.length; i++) {
            fixtures().recordMarks(urns[i], List.of(mark(pupils.get(i), "2024-10-01", "AM", "/")));
        }
        awaitProjected();
    }

    /** The school's admission failed and is held; the mark behind it is held unhandled so its events stay in order. */
    private static void assertAdmissionHeldWithTheMarkBehindIt(com.fasterxml.jackson.databind.JsonNode deadLetters,
                                                               String urn, Class<? extends Exception> cause) {
        var sequence = sequenceOf(deadLetters, urn);
        assertThat(sequence).as("the school's sequence is listed").isNotNull();
        assertThat(sequence.path("letters")).hasSize(2);
        assertThat(sequence.path("letters").get(0).path("eventType").asText()).isEqualTo("PupilAdmitted");
        assertThat(sequence.path("letters").get(0).path("causeType").asText()).isEqualTo(cause.getName());
        assertThat(sequence.path("letters").get(1).path("eventType").asText()).isEqualTo("AttendanceMarkRecorded");
    }

    /** A new reference school whose events the same projection segment handles as the given school's. */
    private String schoolInTheSameSegmentAs(String urn) {
        List<Segment> segmentation = Segment.splitBalanced(Segment.ROOT_SEGMENT, segments - 1);
        Segment segment = segmentation.stream()
                .filter(s -> s.matches(SequentialPerSchoolPolicy.ofSchool(urn))).findFirst().orElseThrow();
        for (int attempt = 0; attempt < 50; attempt++) {
            String other = fixtures().school("201");
            if (segment.matches(SequentialPerSchoolPolicy.ofSchool(other))) {
                fixtures().publish(other, "2024-25", Fixtures.referenceTerms2024(), Fixtures.referenceClosures2024());
                return other;
            }
        }
        throw new AssertionError("no school of segment " + segment + " in 50 attempts");
    }

    private List<String> heldEventIds(String urn) {
        return jdbc.queryForList("""
                SELECT event_identifier FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?
                ORDER BY sequence_index""", String.class, AttendanceProjection.PROCESSOR, urn);
    }

    @Test
    void a_poisoned_school_is_held_in_the_dead_letter_queue_while_other_schools_project_and_a_retry_projects_it()
            throws Exception {
        String poisonedUrn = fixtures().exampleSchool();
        String healthyUrn = fixtures().exampleSchool();
        awaitProjected();
        poison.poisoned = poisonedUrn;

        admitAndMarkOnePupilIn(poisonedUrn, healthyUrn);

        assertThat(currentMarks(healthyUrn)).isEqualTo(1);
        assertThat(currentMarks(poisonedUrn)).isZero();
        var held = api().get("/api/v1/admin/dead-letters");
        assertThat(held.status()).isEqualTo(200);
        assertAdmissionHeldWithTheMarkBehindIt(held.body(), poisonedUrn, IllegalStateException.class);
        assertThat(sequenceOf(held.body(), healthyUrn)).isNull();

        poison.poisoned = null;
        var retried = api().post("/api/v1/admin/dead-letters/" + poisonedUrn + "/retry", null);

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("projected").asBoolean()).isTrue();
        assertThat(retried.body().path("stillHeld").asLong()).isZero();
        assertThat(currentMarks(poisonedUrn)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection_enrolment WHERE urn = ?", Long.class,
                poisonedUrn)).isEqualTo(1);
        assertThat(sequenceOf(api().get("/api/v1/admin/dead-letters").body(), poisonedUrn)).isNull();
    }

    @Test
    void retrying_a_sequence_that_holds_nothing_is_404_unknown_dead_letter() {
        var retried = api().post("/api/v1/admin/dead-letters/999999/retry", null);

        assertThat(retried.status()).isEqualTo(404);
        assertThat(retried.isProblem()).isTrue();
        assertThat(retried.body().path("code").asText()).isEqualTo("UNKNOWN_DEAD_LETTER");
    }

    @Test
    void only_an_admin_reads_or_retries_dead_letters() {
        String urn = fixtures().exampleSchool();
        var mis = ApiKeys.issue(api(), "mis", List.of(urn), List.of());

        var read = api().as(mis.token()).get("/api/v1/admin/dead-letters");
        var retry = api().as(mis.token()).post("/api/v1/admin/dead-letters/" + urn + "/retry", null);

        assertThat(read.status()).isEqualTo(403);
        assertThat(read.body().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(retry.status()).isEqualTo(403);
        assertThat(retry.body().path("code").asText()).isEqualTo("FORBIDDEN");
    }

    private long currentMarks(String urn) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM projection_current_mark WHERE urn = ?", Long.class,
                urn);
        return count == null ? 0 : count;
    }

    private static com.fasterxml.jackson.databind.JsonNode sequenceOf(com.fasterxml.jackson.databind.JsonNode body,
                                                                      String urn) {
        for (var sequence : body.path("sequences")) {
            if (sequence.path("sequence").asText().equals(urn)) {
                return sequence;
            }
        }
        return null;
    }

    private void awaitProjected() throws InterruptedException {
        long head = progress.committedHead();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!progress.hasProcessedThrough(AttendanceProjection.PROCESSOR, head)) {
            assertThat(System.nanoTime()).as("projected within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Fails every enrolment and register event of the poisoned school, before the real projection sees it. */
    @ProcessingGroup(AttendanceProjection.PROCESSOR)
    static class PoisonedSchool implements Ordered {

        volatile String poisoned;

        @EventHandler
        void on(EnrolmentEvent event) {
            failIfPoisoned(event.urn());
        }

        @EventHandler
        void on(RegisterEntryEvent event) {
            failIfPoisoned(event.urn());
        }

        private void failIfPoisoned(String urn) {
            if (urn.equals(poisoned)) {
                throw new IllegalStateException("school " + urn + " is poisoned for the test");
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** The same fault in the rebuild's processing group: a rebuild replays through the same handlers. */
    @ProcessingGroup(RebuildProjection.PROCESSOR)
    static class PoisonedSchoolInTheRebuild extends PoisonedSchool {
    }

    @TestConfiguration
    static class PoisonConfiguration {

        @Bean
        PoisonedSchool poisonedSchool() {
            return new PoisonedSchool();
        }

        @Bean
        PoisonedSchoolInTheRebuild poisonedSchoolInTheRebuild() {
            return new PoisonedSchoolInTheRebuild();
        }
    }
}
