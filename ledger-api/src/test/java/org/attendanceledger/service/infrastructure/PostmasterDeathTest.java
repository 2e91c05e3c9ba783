package org.attendanceledger.service.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.mark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attendanceledger.service.support.ApiKeys;
import org.attendanceledger.service.support.LedgerApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The postmaster is SIGKILLed under the running service: requests fail fast with 503 DATABASE_UNAVAILABLE, health
 * says DOWN within a second, and the service starts its embedded PostgreSQL again and carries on. The context is its
 * own (a property no other test sets) and is closed after the class, so no other test shares the killed server.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = "ledger.embedded-database.watchdog-interval=200ms")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostmasterDeathTest extends LedgerApiTest {

    @Autowired
    EmbeddedPostgresServer postgres;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void releaseTheWatchdog() {
        postgres.holdRestarts(false);
    }

    @Test
    void when_the_postmaster_dies_requests_answer_503_at_once_and_the_service_starts_it_again() throws Exception {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "/")));
        var misKey = ApiKeys.issue(api(), "mis", List.of(urn), List.of());
        int restartsBefore = postgres.restarts();

        // The watchdog is held so that the database stays down while the outage is observed, whatever its timing.
        postgres.holdRestarts(true);
        ProcessHandle postmaster = ProcessHandle.of(postgres.postmasterPid().orElseThrow()).orElseThrow();
        assertThat(postmaster.destroyForcibly()).isTrue();
        assertThat(LeftoverPostmaster.awaitExit(postmaster, Duration.ofSeconds(10))).isTrue();

        long healthStarted = System.nanoTime();
        HttpResponse<String> health = health();
        Duration healthTook = Duration.ofNanos(System.nanoTime() - healthStarted);

        long postStarted = System.nanoTime();
        var refused = fixtures().postMarks(urn, List.of(mark(pupil, "2024-10-01", "PM", "/")));
        Duration postTook = Duration.ofNanos(System.nanoTime() - postStarted);
        // An issued key is checked against the database before the request reaches any controller.
        var refusedForKey = api().as(misKey.token()).get("/api/v1/schools/" + urn);

        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"DOWN\"");
        assertThat(healthTook).isLessThan(Duration.ofSeconds(1));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(postTook).isLessThan(Duration.ofMillis(2_500));
        assertThat(refusedForKey.status()).isEqualTo(503);
        assertThat(refusedForKey.body().path("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");

        postgres.holdRestarts(false);
        awaitHealthy(Duration.ofSeconds(60));

        var accepted = fixtures().postMarks(urn, List.of(mark(pupil, "2024-10-01", "PM", "/")));
        assertThat(accepted.status()).isBetween(200, 201);
        assertThat(postgres.restarts()).isEqualTo(restartsBefore + 1);
        assertThat(postgres.postmasterPid().orElseThrow()).isNotEqualTo(postmaster.pid());
        // The mark stored before the crash is still there, next to the one stored after it.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE "
                + "'%AttendanceMarkRecorded'", Long.class)).isEqualTo(2);
    }

    private HttpResponse<String> health() throws Exception {
        return http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitHealthy(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (health().statusCode() != 200) {
            assertThat(System.nanoTime()).as("healthy again within %s", limit).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
