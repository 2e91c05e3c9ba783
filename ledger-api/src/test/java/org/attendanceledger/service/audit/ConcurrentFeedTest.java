package org.attendanceledger.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.allDay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, item 7: an auditor paging the event feed while three writers post registers at once misses nothing and
 * sees nothing twice (the old feed, paging by global_index, missed 799 of 63,630 events this way).
 */
class ConcurrentFeedTest extends LedgerApiTest {

    private static final int WRITERS = 3;
    private static final String[] DAYS = {"2024-09-09", "2024-09-10", "2024-09-11", "2024-09-12", "2024-09-13",
            "2024-09-16", "2024-09-17", "2024-09-18", "2024-09-19", "2024-09-20", "2024-09-23", "2024-09-24"};

    private record Seen(String aggregateId, long sequence) {
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void a_paging_reader_misses_no_event_of_three_concurrent_writers() throws Exception {
        List<String> schools = new ArrayList<>();
        List<List<String>> pupils = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String urn = fixtures().exampleSchool();
            schools.add(urn);
            List<String> upns = new ArrayList<>();
            for (int p = 0; p < 10; p++) {
                upns.add(fixtures().admit(urn, "2024-09-04"));
            }
            pupils.add(upns);
        }
        awaitLogged();
        long start = jdbc.queryForObject("SELECT coalesce(max(log_index) + 1, 0) FROM audit_log_entry", Long.class);
        long lastSetUpEvent = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Seen> seen = new ArrayList<>();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    go.await();
                    for (String day : DAYS) {
                        List<Map<String, Object>> register = new ArrayList<>();
                        pupils.get(writer).forEach(upn -> register.addAll(allDay(upn, "/", day)));
                        fixtures().recordMarks(schools.get(writer), register);
                    }
                    return null;
                }));
            }
            Future<Long> reader = pool.submit(() -> {
                go.await();
                long after = start;
                // Page as an auditor does, concurrently with the writers, then until the feed has nothing more.
                while (true) {
                    JsonNode page = api().get("/api/v1/audit/events?limit=50&after=" + after).body();
                    page.path("events").forEach(e -> seen.add(new Seen(e.path("aggregateId").asText(),
                            e.path("sequence").asLong())));
                    after = page.path("next").asLong(after);
                    if (page.path("events").isEmpty()) {
                        if (!writing.get()) {
                            awaitLogged();
                            if (api().get("/api/v1/audit/events?limit=50&after=" + after).body().path("events")
                                    .isEmpty()) {
                                return after;
                            }
                        }
                        Thread.sleep(20);
                    }
                }
            });
            go.countDown();
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            reader.get(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }

        Set<Seen> stored = new HashSet<>(jdbc.query("""
                SELECT aggregate_identifier, sequence_number FROM domain_event_entry WHERE global_index > ?""",
                (rs, i) -> new Seen(rs.getString(1), rs.getLong(2)), lastSetUpEvent));
        assertThat(stored).hasSize(WRITERS * 10 * DAYS.length * 2);
        assertThat(seen).as("every event once, none missed").hasSameSizeAs(new HashSet<>(seen));
        assertThat(new HashSet<>(seen)).isEqualTo(stored);
    }
}
