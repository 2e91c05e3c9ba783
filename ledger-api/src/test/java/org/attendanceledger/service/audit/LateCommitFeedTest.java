package org.attendanceledger.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.attendanceledger.common.Actor;
import org.attendanceledger.school.api.RegisterSchool;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL hands out global_index before commit. This forces the race the old feed lost: a transaction takes a lower
 * global_index and is held open (a latch) while another commits a higher one and an auditor pages past it; the late
 * event must still arrive on the auditor's next page.
 */
class LateCommitFeedTest extends LedgerApiTest {

    @Autowired
    private CommandSender commands;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private LogAppender appender;

    @Test
    void an_event_that_commits_late_with_a_lower_global_index_is_still_delivered_on_the_next_page() throws Exception {
        awaitLogged();
        long start = lastPosition();
        String lateUrn = String.valueOf(990000 + ThreadLocalRandom.current().nextInt(10000));
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService lateWriter = Executors.newSingleThreadExecutor();
        try {
            // The command joins a transaction held open: its event row is inserted, with its global_index, but stays
            // uncommitted until the latch is released.
            Future<?> late = lateWriter.submit(() -> registerHeldOpen(lateUrn, inserted, release));
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();

            String earlyUrn = fixtures().school("201");
            awaitLogged();
            JsonNode firstPage = api().get("/api/v1/audit/events?limit=1000&after=" + start).body();
            List<String> firstStreams = streams(firstPage);
            assertThat(firstStreams).contains(earlyUrn).doesNotContain(lateUrn);
            long next = firstPage.path("next").asLong();

            release.countDown();
            late.get(30, TimeUnit.SECONDS);
            awaitLogged();
            JsonNode secondPage = api().get("/api/v1/audit/events?limit=1000&after=" + next).body();

            assertThat(streams(secondPage)).containsExactly(lateUrn);
            Long lateIndex = jdbc.queryForObject(
                    "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, lateUrn);
            Long earlyIndex = jdbc.queryForObject(
                    "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, earlyUrn);
            assertThat(lateIndex).as("the late event really has the lower global_index").isLessThan(earlyIndex);
            assertThat(secondPage.path("events").get(0).path("position").asLong())
                    .as("and comes after the early one in the feed").isGreaterThan(next - 1);
        } finally {
            release.countDown();
            lateWriter.shutdownNow();
        }
    }

    @Test
    void a_transaction_that_commits_after_its_gap_was_given_up_is_still_logged_by_the_sweep() throws Exception {
        awaitLogged();
        long start = lastPosition();
        String lateUrn = String.valueOf(980000 + ThreadLocalRandom.current().nextInt(10000));
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService lateWriter = Executors.newSingleThreadExecutor();
        try {
            Future<?> late = lateWriter.submit(() -> registerHeldOpen(lateUrn, inserted, release));
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
            fixtures().school("201");
            awaitLogged();
            // The gap wait runs out (as if the transaction had stayed open longer than it): the gap is dropped.
            assertThat(jdbc.update("DELETE FROM audit_log_gap")).isPositive();

            release.countDown();
            late.get(30, TimeUnit.SECONDS);
            Long lateIndex = jdbc.queryForObject(
                    "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, lateUrn);
            // A regular cycle, run here and now (the advisory lock keeps it single): it no longer looks for the event.
            appender.appendBatch();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log_entry WHERE global_index = ?", Long.class,
                    lateIndex)).as("not logged by a regular cycle").isZero();

            awaitLogged();
            List<String> delivered = new ArrayList<>();
            api().get("/api/v1/audit/events?limit=1000&after=" + start).body().path("events")
                    .forEach(event -> delivered.add(event.path("aggregateId").asText()));
            assertThat(delivered).contains(lateUrn);
        } finally {
            release.countDown();
            lateWriter.shutdownNow();
        }
    }

    /** Registers a school in a transaction held open, after its event row is inserted, until {@code release}. */
    private void registerHeldOpen(String urn, CountDownLatch inserted, CountDownLatch release) {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            Instant now = Instant.now();
            commands.send(new RegisterSchool(urn, "Late School", "201", LocalTime.of(8, 50), LocalTime.of(13, 15), 30,
                    false, new Actor("Test", "Test", null), now, null, null), RequestMetadata.of(now, "late-commit-test"));
            inserted.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private long lastPosition() {
        Long position = jdbc.queryForObject("SELECT coalesce(max(log_index) + 1, 0) FROM audit_log_entry", Long.class);
        return position == null ? 0 : position;
    }

    private static List<String> streams(JsonNode page) {
        List<String> streams = new ArrayList<>();
        page.path("events").forEach(event -> streams.add(event.path("aggregateId").asText()));
        return streams;
    }
}
