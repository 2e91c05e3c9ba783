package org.attendanceledger.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Starting a projection rebuild through the admin endpoint, and following it until it ends. */
public final class ProjectionRebuilds {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LONGEST = Duration.ofMinutes(3);

    private ProjectionRebuilds() {
    }

    /** What POST answered: its status, the Location header and the job. */
    public record Started(int status, String location, JsonNode job) {
    }

    /** Posts the rebuild as the bootstrap admin and returns the answer as it came, without waiting for the job. */
    public static Started start(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/admin/projections/rebuild"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + LedgerApiTest.ADMIN_TOKEN)
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            return new Started(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls the job at its Location until it is no longer RUNNING; the job as it ended. */
    public static JsonNode awaitEnd(LedgerClient api, String location) {
        long deadline = System.nanoTime() + LONGEST.toNanos();
        while (true) {
            var job = api.get(URI.create(location).getPath());
            assertThat(job.status()).as(job.toString()).isEqualTo(200);
            if (!job.body().path("state").asText().equals("RUNNING")) {
                return job.body();
            }
            assertThat(System.nanoTime() - deadline).as("the rebuild ended within " + LONGEST).isNegative();
            pause();
        }
    }

    /** Waits until no rebuild runs (one that another test started in the same context). */
    public static void awaitNoneRunning(JdbcTemplate jdbc) {
        long deadline = System.nanoTime() + LONGEST.toNanos();
        while (Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM rebuild_job WHERE state = 'RUNNING')", Boolean.class))) {
            assertThat(System.nanoTime() - deadline).as("the running rebuild ended within " + LONGEST).isNegative();
            pause();
        }
    }

    /** Starts a rebuild once none is running and waits for it to end; the job as it ended. */
    public static JsonNode rebuild(LedgerClient api, JdbcTemplate jdbc, int port) {
        awaitNoneRunning(jdbc);
        Started started = start(port);
        assertThat(started.status()).as(started.job().toString()).isEqualTo(202);
        return awaitEnd(api, started.location());
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
