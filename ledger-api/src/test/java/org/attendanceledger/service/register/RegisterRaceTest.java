package org.attendanceledger.service.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.mark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.attendanceledger.service.roll.RollDirectory;
import org.attendanceledger.service.support.LedgerApiTest;
import org.attendanceledger.service.support.LedgerClient;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Races a posted register against another post of the same session and against a deletion from roll. Each race is
 * forced: the register is held at {@link IngestCheckpoint} (checked, existing entries looked up, nothing stored) with
 * latches until the other side is where the test wants it.
 */
class RegisterRaceTest extends LedgerApiTest {

    @Autowired
    private IngestCheckpoint checkpoint;
    @Autowired
    private DataSource dataSource;

    @AfterEach
    void removeHook() {
        checkpoint.install(IngestCheckpoint.none());
    }

    @Test
    void two_posts_that_both_find_a_session_new_store_it_once_and_answer_one_recorded_one_duplicate() throws Exception {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        CyclicBarrier bothChecked = new CyclicBarrier(2);
        AtomicInteger arrivals = new AtomicInteger();
        List<List<String>> seenAsNew = new CopyOnWriteArrayList<>();
        checkpoint.install(point -> {
            if (point.urn().equals(urn) && arrivals.incrementAndGet() <= 2) {
                seenAsNew.add(point.newEntryIds());
                await(bothChecked);
            }
        });
        var register = List.of(mark(pupil, "2024-10-01", "AM", "/"));

        CompletableFuture<LedgerClient.Response> first = CompletableFuture.supplyAsync(
                () -> fixtures().postMarks(urn, register));
        CompletableFuture<LedgerClient.Response> second = CompletableFuture.supplyAsync(
                () -> fixtures().postMarks(urn, register));
        List<LedgerClient.Response> responses = List.of(first.get(30, TimeUnit.SECONDS),
                second.get(30, TimeUnit.SECONDS));

        String entryId = urn + ":" + pupil + ":2024-10-01:AM";
        assertThat(seenAsNew).as("both posts passed their checks believing the session new")
                .containsExactly(List.of(entryId), List.of(entryId));
        assertThat(responses).allSatisfy(response -> assertThat(response.status()).isEqualTo(200));
        assertThat(responses.stream().map(response -> response.body().at("/results/0/status").asText()))
                .containsExactlyInAnyOrder("RECORDED", "DUPLICATE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, entryId)).isEqualTo(1L);
        assertThat(arrivals.get()).as("the loser looked again after losing").isEqualTo(3);
    }

    @Test
    void a_deletion_from_roll_waits_for_a_register_that_has_checked_the_pupil_and_is_stored_after_it() throws Exception {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        CountDownLatch registerChecked = new CountDownLatch(1);
        CountDownLatch releaseRegister = new CountDownLatch(1);
        checkpoint.install(point -> {
            if (point.urn().equals(urn)) {
                registerChecked.countDown();
                awaitQuietly(releaseRegister);
            }
        });

        CompletableFuture<LedgerClient.Response> register = CompletableFuture.supplyAsync(
                () -> fixtures().postMarks(urn, List.of(mark(pupil, "2024-10-02", "AM", "/"))));
        assertThat(registerChecked.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> deletion = CompletableFuture.runAsync(
                () -> fixtures().delete(urn, pupil, "2024-10-01"));
        awaitWaitingRollLock();
        assertThat(deletion).as("the deletion waits while the register holds the pupil").isNotDone();

        releaseRegister.countDown();
        assertThat(register.get(30, TimeUnit.SECONDS).body().at("/results/0/status").asText()).isEqualTo("RECORDED");
        deletion.get(30, TimeUnit.SECONDS);
        // The deletion queued on the register's hold, which only its commit releases: the mark was checked and
        // committed while the pupil was on roll, and the deletion came after it.
        assertThat(jdbc.queryForObject("SELECT last_day_on_roll::text FROM roll_period WHERE urn = ? AND upn = ?",
                String.class, urn, pupil)).isEqualTo("2024-10-01");
    }

    @Test
    void a_register_that_arrives_while_a_deletion_is_being_stored_waits_for_it_and_then_refuses_the_pupil()
            throws Exception {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        CompletableFuture<LedgerClient.Response> register;
        // A deletion in the middle of its transaction, as the PupilDeleted handler leaves it: the pupil's roll lock
        // taken and the stay ended, not yet committed.
        try (Connection deleting = dataSource.getConnection()) {
            deleting.setAutoCommit(false);
            try (PreparedStatement lock = deleting.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))");
                 PreparedStatement end = deleting.prepareStatement(
                         "UPDATE roll_period SET last_day_on_roll = '2024-10-01' WHERE urn = ? AND upn = ?")) {
                lock.setInt(1, RollDirectory.PUPIL_ROLL_LOCKS);
                lock.setString(2, urn + ":" + pupil);
                lock.execute();
                end.setString(1, urn);
                end.setString(2, pupil);
                assertThat(end.executeUpdate()).isEqualTo(1);
            }
            register = CompletableFuture.supplyAsync(
                    () -> fixtures().postMarks(urn, List.of(mark(pupil, "2024-10-02", "AM", "/"))));
            awaitWaitingRollLock();
            assertThat(register).as("the register waits for the deletion in progress").isNotDone();
            deleting.commit();
        }

        LedgerClient.Response response = register.get(30, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().at("/errors/0/code").asText()).isEqualTo("NOT_ON_ROLL");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, urn + ":" + pupil + ":2024-10-02:AM")).isZero();
    }

    @Test
    void a_register_posted_after_a_deletion_from_roll_finds_the_pupil_gone() {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().delete(urn, pupil, "2024-10-01");

        var response = fixtures().postMarks(urn, List.of(mark(pupil, "2024-10-02", "AM", "/")));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().at("/errors/0/code").asText()).isEqualTo("NOT_ON_ROLL");
    }

    /** Until the deletion's transaction is queued behind the register's hold on the pupil (pg_locks says so). */
    private void awaitWaitingRollLock() throws InterruptedException {
        for (int tries = 0; tries < 300; tries++) {
            Long waiting = jdbc.queryForObject("""
                    SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = ?::oid""",
                    Long.class, RollDirectory.PUPIL_ROLL_LOCKS);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the deletion never queued behind the register's hold on the pupil");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
