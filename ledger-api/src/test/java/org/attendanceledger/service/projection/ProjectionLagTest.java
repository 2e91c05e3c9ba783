package org.attendanceledger.service.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attendanceledger.service.support.Fixtures.mark;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attendanceledger.projections.AttendanceProjection;
import org.attendanceledger.service.support.LedgerApiTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;

/** Projection lag per processor and segment, as a Prometheus gauge and in the admin's view of health. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProjectionLagTest extends LedgerApiTest {

    private static final String SEGMENT_ZERO =
            "ledger_projection_lag_events{processor=\"attendance-projections\",segment=\"0\"}";

    @Autowired
    ProjectionLag lag;

    @Autowired
    ProjectionProgress progress;

    @Autowired
    ProjectionDeadLetters deadLetters;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void a_stopped_processor_shows_its_lag_in_events_and_health_stays_up_while_it_catches_up() throws Exception {
        String urn = fixtures().exampleSchool();
        String pupil = fixtures().admit(urn, "2024-09-04");
        awaitProjected();
        lag.refresh();
        assertThat(prometheus()).contains(SEGMENT_ZERO + " 0.0");

        EventProcessor projections = processing.eventProcessor(AttendanceProjection.PROCESSOR).orElseThrow();
        projections.shutDown();
        try {
            fixtures().recordMarks(urn, List.of(mark(pupil, "2024-10-01", "AM", "/"),
                    mark(pupil, "2024-10-01", "PM", "/"), mark(pupil, "2024-10-02", "AM", "/")));
            lag.refresh();

            var health = api().get("/actuator/health");
            assertThat(prometheus()).contains(SEGMENT_ZERO + " 3.0");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().path("status").asText()).isEqualTo("UP");
            var component = health.body().path("components").path("projections");
            assertThat(component.path("status").asText()).isEqualTo("UP");
            assertThat(component.path("details").path("state").asText()).isEqualTo("CATCHING_UP");
            assertThat(component.path("details").path("lag").path(AttendanceProjection.PROCESSOR).path("0").asLong())
                    .isEqualTo(3);
        } finally {
            projections.start();
        }
        awaitProjected();
        lag.refresh();
        assertThat(prometheus()).contains(SEGMENT_ZERO + " 0.0");
        assertThat(api().get("/actuator/health").body().path("components").path("projections").path("details")
                .path("state").asText()).isEqualTo("CAUGHT_UP");
    }

    @Test
    void a_lag_over_the_warning_level_is_reported_as_lagging_without_turning_health_down() throws Exception {
        String urn = fixtures().exampleSchool();
        EventProcessor projections = processing.eventProcessor(AttendanceProjection.PROCESSOR).orElseThrow();
        awaitProjected();
        projections.shutDown();
        try {
            fixtures().admit(urn, "2024-09-04");
            fixtures().admit(urn, "2024-09-04");
            ProjectionLag strict = new ProjectionLag(progress, deadLetters, new SimpleMeterRegistry(), 2);
            strict.refresh();

            var health = strict.health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("state", "LAGGING").containsKey("warning");
        } finally {
            projections.start();
        }
        awaitProjected();
    }

    @Test
    void anyone_sees_the_component_status_but_only_an_admin_its_details() {
        var anonymous = api().as(null).get("/actuator/health");

        assertThat(anonymous.body().path("components").path("projections").path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.body().path("components").path("projections").has("details")).isFalse();
    }

    private String prometheus() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private void awaitProjected() throws InterruptedException {
        long head = progress.committedHead();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!progress.hasProcessedThrough(AttendanceProjection.PROCESSOR, head)) {
            assertThat(System.nanoTime()).as("projected within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
