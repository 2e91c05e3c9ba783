package org.attendanceledger.service.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.projections.AttendanceProjection;
import org.attendanceledger.service.projection.ProjectionProgress.SegmentPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far each segment of each tracking processor is behind the event store: the head's global index minus the
 * position of the segment's token, measured every few seconds from the token store (so it is right on every node).
 * Published as the gauge {@code ledger.projection.lag{processor,segment}} (events), with the dead-letter queue's size
 * as {@code ledger.projection.dead_letters}, and as the {@code projections} health component. Lag is normal while the
 * projections catch up (after a large import or a rebuild), so it never turns health DOWN: a lag over
 * {@code ledger.projections.lag-warning} is reported as state LAGGING, and held dead letters as a warning. Health
 * reads the last measurement, so it answers at once even when the database does not.
 */
@Component("projectionsHealthIndicator")
public class ProjectionLag implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);

    /** The lag of every segment, the dead letters held, and when they were measured. */
    record Measurement(long head, List<SegmentLag> segments, long deadLetterSequences, long deadLetterEvents,
                       Instant measuredAt, boolean lastAttemptFailed) {

        /**
         * The live processor's lag, which reads wait for. A rebuild's processor is shown with its lag per segment but
         * does not make the projections LAGGING: reads go on from the live tables while it runs.
         */
        long maxLag() {
            return segments.stream().filter(segment -> segment.processor().equals(AttendanceProjection.PROCESSOR))
                    .mapToLong(SegmentLag::lag).max().orElse(0);
        }

        Measurement failedAgain() {
            return new Measurement(head, segments, deadLetterSequences, deadLetterEvents, measuredAt, true);
        }
    }

    record SegmentLag(String processor, int segment, long position, long lag) {
    }

    private final ProjectionProgress progress;
    private final ProjectionDeadLetters deadLetters;
    private final long lagWarning;
    private final MultiGauge lagGauge;
    private volatile Measurement last;

    public ProjectionLag(ProjectionProgress progress, ProjectionDeadLetters deadLetters, MeterRegistry registry,
                         @Value("${ledger.projections.lag-warning:10000}") long lagWarning) {
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.lagWarning = lagWarning;
        this.lagGauge = MultiGauge.builder("ledger.projection.lag")
                .description("Events stored but not yet handled by a tracking processor's segment")
                .baseUnit("events")
                .register(registry);
        Gauge.builder("ledger.projection.dead_letters", this,
                        lag -> lag.last == null ? 0 : lag.last.deadLetterEvents())
                .description("Events held in the projections' dead-letter queue")
                .baseUnit("events")
                .register(registry);
    }

    /** Measures again; a database that does not answer leaves the last measurement, marked as old. */
    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "${ledger.projections.lag-refresh:PT5S}")
    public void refresh() {
        try {
            long head = progress.committedHead();
            List<SegmentLag> segments = progress.segmentPositions().stream()
                    .map(segment -> lagOf(segment, head))
                    .toList();
            Measurement measurement = new Measurement(head, segments, deadLetters.heldSequences(),
                    deadLetters.heldEvents(), Instant.now(), false);
            lagGauge.register(segments.stream()
                    .map(segment -> MultiGauge.Row.of(Tags.of("processor", segment.processor(),
                            "segment", Integer.toString(segment.segment())), segment.lag()))
                    .toList(), true);
            last = measurement;
        } catch (RuntimeException unavailable) {
            // Spring's JDBC and Axon's dead-letter queue wrap a lost database differently; either way the last
            // measurement stands, marked as old, and health is not held up.
            log.debug("Projection lag not measured: {}", unavailable.getClass().getName());
            Measurement previous = last;
            if (previous != null) {
                last = previous.failedAgain();
            }
        }
    }


    private static SegmentLag lagOf(SegmentPosition segment, long head) {
        return new SegmentLag(segment.processor(), segment.segment(), segment.position(),
                Math.max(0, head - segment.position()));
    }

    @Override
    public Health health() {
        // Only the last measurement: health must answer at once, whatever the database does.
        Measurement measurement = last;
        if (measurement == null) {
            return Health.unknown().withDetail("reason", "not measured yet").build();
        }
        long maxLag = measurement.maxLag();
        String state = maxLag == 0 ? "CAUGHT_UP" : maxLag < lagWarning ? "CATCHING_UP" : "LAGGING";
        Map<String, Map<String, Long>> lagBySegment = new LinkedHashMap<>();
        for (SegmentLag segment : measurement.segments()) {
            lagBySegment.computeIfAbsent(segment.processor(), processor -> new LinkedHashMap<>())
                    .put(Integer.toString(segment.segment()), segment.lag());
        }
        Health.Builder health = Health.up()
                .withDetail("state", state)
                .withDetail("head", measurement.head())
                .withDetail("lag", lagBySegment)
                .withDetail("deadLetters", Map.of("sequences", measurement.deadLetterSequences(),
                        "events", measurement.deadLetterEvents()))
                .withDetail("measuredAt", measurement.measuredAt().toString());
        if (measurement.deadLetterEvents() > 0) {
            health.withDetail("warning", "events are held in the dead-letter queue: see /api/v1/admin/dead-letters");
        } else if (state.equals("LAGGING")) {
            health.withDetail("warning", "a segment is more than " + lagWarning + " events behind");
        }
        if (measurement.lastAttemptFailed()) {
            health.withDetail("stale", true);
        }
        return health.build();
    }
}
