package org.attendanceledger.service.projection;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.attendanceledger.projections.AttendanceProjection;
import org.attendanceledger.projections.ProjectionTables;
import org.attendanceledger.projections.RebuildProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every projection from the event store without downtime. A second tracking processor with the same
 * handlers ({@link RebuildProjection}) replays every event into empty copies of the read models in the schema
 * {@code projection_rebuild}, while the live processor and every read go on with the tables in public. Once it has
 * caught up, one transaction takes the live processor's token rows (which waits for the batch any node has in flight
 * and holds off the next), replaces each live table by its copy and writes the rebuild's tokens and dead letters as the
 * live processor's, with no owner: every node's live segments carry on from there on the new tables. A node whose
 * batch was waiting finds its token row gone, rolls the batch back and claims the segment again.
 *
 * <p>A job is a row of {@code rebuild_job}, so any node answers for it; at most one runs at a time in the cluster. The
 * node that accepted it runs it and reports its progress every half second; a job whose node stopped reporting for
 * {@code ledger.projections.rebuild-abandoned-after} is given up when the next rebuild is asked for.
 */
@Service
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    public enum State { RUNNING, SUCCEEDED, FAILED }

    /**
     * A rebuild as reported: the events it must replay (those committed when it started: their count and the last
     * one's position), how far every segment has got, and when it started and finished.
     */
    public record Job(UUID id, State state, long headPosition, long headEvents, long position, long eventsReplayed,
                      Instant startedAt, Instant heartbeatAt, Instant finishedAt, String failure) {
    }

    private static final RowMapper<Job> JOB = (rs, i) -> new Job(rs.getObject("id", UUID.class),
            State.valueOf(rs.getString("state")), rs.getLong("head_position"), rs.getLong("head_events"),
            rs.getLong("position"), rs.getLong("events_replayed"), rs.getTimestamp("started_at").toInstant(),
            rs.getTimestamp("heartbeat_at").toInstant(),
            rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
            rs.getString("failure"));

    private final EventProcessingConfiguration processing;
    private final ProjectionProgress progress;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Duration maxDuration;
    private final Duration abandonedAfter;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    /** Called with the job's id just before the swap; tests hold the rebuild there to read meanwhile. */
    private volatile Consumer<UUID> beforeSwap = id -> { };

    public ProjectionRebuild(EventProcessingConfiguration processing, ProjectionProgress progress, JdbcTemplate jdbc,
                             PlatformTransactionManager transactions,
                             @Value("${ledger.projections.rebuild-timeout:1h}") Duration maxDuration,
                             @Value("${ledger.projections.rebuild-abandoned-after:1m}") Duration abandonedAfter) {
        this.processing = processing;
        this.progress = progress;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.maxDuration = maxDuration;
        this.abandonedAfter = abandonedAfter;
    }

    /**
     * Starts a rebuild, or answers the one already running (asking twice starts one rebuild, not two). A running job
     * whose node has stopped reporting is marked failed first, so a node that died does not block rebuilds forever.
     */
    public synchronized Job start() {
        jdbc.update("""
                UPDATE rebuild_job SET state = 'FAILED', finished_at = now(),
                       failure = 'abandoned: its node (' || node || ') stopped reporting'
                WHERE state = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?)""",
                (double) abandonedAfter.toMillis() / 1000);
        UUID id = UUID.randomUUID();
        try {
            jdbc.update("""
                    INSERT INTO rebuild_job (id, state, head_position, head_events, position, events_replayed,
                                             started_at, heartbeat_at, node)
                    VALUES (?, 'RUNNING', ?, 0, ?, 0, now(), now(), ?)""",
                    id, progress.committedHead(), ProjectionProgress.EMPTY_STORE, NODE);
        } catch (DuplicateKeyException running) {
            return jdbc.queryForObject("SELECT * FROM rebuild_job WHERE state = 'RUNNING'", JOB);
        }
        runner.execute(() -> run(id));
        return find(id).orElseThrow();
    }

    public Optional<Job> find(UUID id) {
        return jdbc.query("SELECT * FROM rebuild_job WHERE id = ?", JOB, id).stream().findFirst();
    }

    /** Test support: runs the action just before the swap, on the rebuild's own thread. */
    void beforeSwap(Consumer<UUID> action) {
        this.beforeSwap = action;
    }

    private void run(UUID id) {
        TrackingEventProcessor rebuild = processing
                .eventProcessor(RebuildProjection.PROCESSOR, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no tracking processor " + RebuildProjection.PROCESSOR));
        long deadline = System.nanoTime() + maxDuration.toNanos();
        try {
            Job job = find(id).orElseThrow();
            long head = job.headPosition();
            jdbc.update("UPDATE rebuild_job SET head_events = ? WHERE id = ?", progress.eventsThrough(head), id);
            prepare();
            rebuild.start();
            Progress reached = awaitReplay(id, head, deadline, new Progress(ProjectionProgress.EMPTY_STORE, 0));
            jdbc.query("SELECT projection_rebuild_analyze(?)", rs -> null, (Object) tables());
            // The events committed while it replayed, so that the live processor has little left to do after the swap.
            reached = awaitReplay(id, progress.committedHead(), deadline, reached);
            rebuild.shutDown();
            beforeSwap.accept(id);
            swap();
            restartLive();
            long position = progress.positionReachedByEverySegment(AttendanceProjection.PROCESSOR);
            jdbc.update("""
                    UPDATE rebuild_job SET state = 'SUCCEEDED', position = ?, events_replayed = ?, finished_at = now(),
                                           heartbeat_at = now()
                    WHERE id = ?""", position, progress.eventsThrough(position), id);
            log.info("Projection rebuild {} done: the rebuilt tables replaced the live ones at position {}", id,
                    position);
        } catch (Exception | Error e) {
            // Whatever stops it, the job must not be left RUNNING: the next rebuild would wait for it.
            rebuild.shutDown();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Projection rebuild {} failed; the live tables are untouched", id, e);
            String failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            jdbc.update("UPDATE rebuild_job SET state = 'FAILED', failure = ?, finished_at = now() WHERE id = ?",
                    failure.length() > 500 ? failure.substring(0, 500) : failure, id);
        }
    }

    /** Fresh empty copies of the read models, fresh tokens (so the rebuild starts at the first event), no dead letters. */
    private void prepare() {
        transaction.executeWithoutResult(status -> {
            jdbc.query("SELECT projection_rebuild_prepare(?)", rs -> null, (Object) tables());
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", RebuildProjection.PROCESSOR);
            jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", RebuildProjection.PROCESSOR);
        });
    }

    private record Progress(long position, long eventsReplayed) {
    }

    /** Waits until every segment of the rebuild holds the position, reporting progress as it goes. */
    private Progress awaitReplay(UUID id, long position, long deadline, Progress from) throws InterruptedException {
        Progress reached = from;
        while (true) {
            boolean done = progress.hasProcessedThrough(RebuildProjection.PROCESSOR, position);
            long now = progress.positionReachedByEverySegment(RebuildProjection.PROCESSOR);
            if (now > reached.position()) {
                reached = new Progress(now, reached.eventsReplayed() + progress.eventsBetween(reached.position(), now));
            }
            jdbc.update("UPDATE rebuild_job SET position = ?, events_replayed = ?, heartbeat_at = now() WHERE id = ?",
                    reached.position(), reached.eventsReplayed(), id);
            if (done) {
                return reached;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the rebuild did not catch up within " + maxDuration
                        + " (ledger.projections.rebuild-timeout)");
            }
            TimeUnit.MILLISECONDS.sleep(PROGRESS_INTERVAL.toMillis());
        }
    }

    /**
     * The swap, in one transaction. The live token rows are locked first, as a live batch locks its token row before
     * it writes a table: taking them in the same order, the swap and a batch on any node wait for each other but never
     * deadlock. Then the tables (which waits for reads in progress, briefly), then the tokens and dead letters.
     */
    private void swap() {
        transaction.executeWithoutResult(status -> {
            jdbc.query("SELECT segment FROM token_entry WHERE processor_name = ? FOR UPDATE", rs -> null,
                    AttendanceProjection.PROCESSOR);
            jdbc.query("SELECT projection_rebuild_swap(?)", rs -> null, (Object) tables());
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", AttendanceProjection.PROCESSOR);
            jdbc.update("""
                    INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner)
                    SELECT ?, segment, token, token_type, timestamp, NULL FROM token_entry WHERE processor_name = ?""",
                    AttendanceProjection.PROCESSOR, RebuildProjection.PROCESSOR);
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", RebuildProjection.PROCESSOR);
            jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", AttendanceProjection.PROCESSOR);
            jdbc.update("UPDATE dead_letter_entry SET processing_group = ? WHERE processing_group = ?",
                    AttendanceProjection.PROCESSOR, RebuildProjection.PROCESSOR);
        });
    }

    /**
     * This node's live workers would find out at their next claim extension that their tokens changed, and claim
     * again after the claim interval; restarting them here takes the new tokens at once. Other nodes take a moment
     * (axon...attendance-projections.token-claim-interval).
     */
    private void restartLive() {
        processing.eventProcessor(AttendanceProjection.PROCESSOR, TrackingEventProcessor.class).ifPresent(live -> {
            live.shutDown();
            live.start();
        });
    }

    private static String[] tables() {
        return ProjectionTables.ALL.toArray(String[]::new);
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
