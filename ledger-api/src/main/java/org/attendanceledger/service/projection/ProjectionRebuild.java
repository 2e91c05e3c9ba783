package org.attendanceledger.service.projection;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.projections.AttendanceProjection;
import org.attendanceledger.projections.ProjectionTables;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Drops and rebuilds every projection from the event store: the tracking processor is stopped, its tokens reset (its
 * reset handler empties the tables in the same transaction) and restarted, and the rebuild ends when it has caught up
 * with every event committed when it started.
 */
@Service
public class ProjectionRebuild {

    private final EventProcessingConfiguration processing;
    private final ProjectionProgress progress;
    private final JdbcTemplate jdbc;
    private final Duration maxDuration;

    public ProjectionRebuild(EventProcessingConfiguration processing, ProjectionProgress progress, JdbcTemplate jdbc,
                             @Value("${ledger.projections.rebuild-timeout:1h}") Duration maxDuration) {
        this.processing = processing;
        this.progress = progress;
        this.jdbc = jdbc;
        this.maxDuration = maxDuration;
    }

    /** What a rebuild did: the events it replayed, the rows each table holds afterwards, and how long it took. */
    public record Report(List<String> processors, long eventsReplayed, Map<String, Long> rows, long elapsedMs,
                         boolean caughtUp) {
    }

    /** One rebuild at a time: a second request waits for the first to finish, then rebuilds again. */
    public synchronized Report rebuild() {
        long started = System.nanoTime();
        TrackingEventProcessor processor = processing
                .eventProcessor(AttendanceProjection.PROCESSOR, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException(
                        "no tracking processor " + AttendanceProjection.PROCESSOR));
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        long head = progress.committedHead();
        boolean caughtUp = ReadYourWrites.awaitProcessed(progress, AttendanceProjection.PROCESSOR, head, null,
                maxDuration);
        long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        return new Report(List.of(AttendanceProjection.PROCESSOR), progress.eventsThrough(head), rowCounts(), elapsedMs,
                caughtUp);
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : ProjectionTables.ALL) {
            rows.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
        }
        return rows;
    }
}
