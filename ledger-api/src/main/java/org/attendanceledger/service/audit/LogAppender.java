package org.attendanceledger.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.attendanceledger.audit.MerkleTree;
import org.attendanceledger.audit.TreeHead;
import org.attendanceledger.register.api.AttendanceMarkAmended;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The single appender of the tamper-evident log. It runs after commit, on one background thread, never inside a write
 * transaction, so ingest does not wait for it. Each cycle, under a transaction-level advisory lock (so two service
 * instances never append at once), it reads the events committed past the highest global_index already logged and
 * gives them the next dense logIndex values, in the order it finds them committed.
 *
 * <p>PostgreSQL hands out global_index before commit, so a lower index can commit after a higher one has been logged.
 * Like Axon's GapAwareTrackingToken, a missing index below the highest logged one is remembered as a gap
 * ({@code audit_log_gap}) and looked for again every cycle until {@code gap-wait} after the timestamp of the row that
 * revealed it; if its event commits in that time it is logged then (later in log order, which is commit order). A gap
 * still empty after the wait belonged to a transaction that rolled back, and is dropped for good. As a safety net for
 * a transaction that stayed open even longer, a sweep every {@code sweep-interval} looks for committed events in the
 * last {@code sweep-window} global indexes that are not in the log, and has them logged like a filled gap.
 */
@Component
public class LogAppender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogAppender.class);
    /** The advisory lock that makes the appender single across service instances ("LOG" in ASCII). */
    private static final long APPEND_LOCK = 0x4c4f47L;
    private static final String AMENDED_TYPE = AttendanceMarkAmended.class.getName();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final SubtreeStore subtrees;
    private final LogSigningKey key;
    private final Clock clock;
    private final boolean enabled;
    private final Duration interval;
    private final int batchSize;
    private final Duration gapWait;
    private final Duration headInterval;
    private final Duration sweepInterval;
    private final long sweepWindow;
    private ScheduledExecutorService thread;
    private Instant lastSweepAt = Instant.EPOCH;
    private volatile boolean running;
    private volatile Instant lastHeadAt = Instant.EPOCH;

    public LogAppender(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
                       SubtreeStore subtrees, LogSigningKey key,
                       @Value("${ledger.audit.log.enabled:true}") boolean enabled,
                       @Value("${ledger.audit.log.append-interval:200ms}") Duration interval,
                       @Value("${ledger.audit.log.batch-size:2000}") int batchSize,
                       @Value("${ledger.audit.log.gap-wait:10s}") Duration gapWait,
                       @Value("${ledger.audit.log.head-interval:2s}") Duration headInterval,
                       @Value("${ledger.audit.log.sweep-interval:60s}") Duration sweepInterval,
                       @Value("${ledger.audit.log.sweep-window:100000}") long sweepWindow) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.subtrees = subtrees;
        this.key = key;
        this.clock = Clock.systemUTC();
        this.enabled = enabled;
        this.interval = interval;
        this.batchSize = batchSize;
        this.gapWait = gapWait;
        this.headInterval = headInterval;
        this.sweepInterval = sweepInterval;
        this.sweepWindow = sweepWindow;
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            log.warn("The tamper-evident log is switched off (ledger.audit.log.enabled=false)");
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "log-appender");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::cycle, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.shutdown();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void cycle() {
        try {
            if (clock.instant().isAfter(lastSweepAt.plus(sweepInterval))) {
                sweep();
            }
            int appended;
            do {
                appended = appendBatch();
            } while (appended >= batchSize && running);
            signHeadIfDue();
        } catch (RuntimeException e) {
            // The next cycle retries from what is committed; nothing half-done is kept.
            log.error("Appending to the tamper-evident log failed; retrying", e);
        }
    }

    /** One batch in one transaction: returns the number of events logged. */
    int appendBatch() {
        Integer appended = transaction.execute(status -> {
            if (!tryAppendLock()) {
                return 0;
            }
            long next = subtrees.size();
            Long highestLogged = jdbc.queryForObject("SELECT max(global_index) FROM audit_log_entry", Long.class);
            long highest = highestLogged == null ? 0 : highestLogged;
            List<Long> gaps = jdbc.queryForList("SELECT global_index FROM audit_log_gap ORDER BY global_index",
                    Long.class);

            List<StoredEvent> filled = gaps.isEmpty() ? List.of() : jdbc.query(
                    "SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry d WHERE d.global_index = ANY (?) "
                            + "ORDER BY d.global_index",
                    (rs, row) -> StoredEvent.read(rs), (Object) gaps.toArray(Long[]::new));
            List<StoredEvent> newer = jdbc.query(
                    "SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry d WHERE d.global_index > ? "
                            + "ORDER BY d.global_index LIMIT ?",
                    (rs, row) -> StoredEvent.read(rs), highest, batchSize);

            Instant now = clock.instant();
            if (!filled.isEmpty()) {
                jdbc.update("DELETE FROM audit_log_gap WHERE global_index = ANY (?)",
                        (Object) filled.stream().map(StoredEvent::globalIndex).toArray(Long[]::new));
            }
            recordGaps(highest, newer, now);
            int abandoned = jdbc.update("DELETE FROM audit_log_gap WHERE give_up_at < ?", Timestamp.from(now));
            if (abandoned > 0) {
                log.info("{} global_index value(s) never committed within {}; their transactions rolled back",
                        abandoned, gapWait);
            }

            List<StoredEvent> batch = new ArrayList<>(filled);
            batch.addAll(newer);
            append(next, batch);
            return batch.size();
        });
        return appended == null ? 0 : appended;
    }

    /**
     * Committed events below the highest logged global_index that are neither logged nor awaited as a gap (their
     * transaction outlived the gap wait) become gaps again, so the next batch logs them. Reads only the last
     * {@code sweep-window} indexes, through the primary key.
     */
    int sweep() {
        lastSweepAt = clock.instant();
        // Under the appender's lock: a sweep on one node while another node's batch is logging a filled gap would not
        // see that batch's rows, would wait for its deletion of the gap and then record the gap again, for an event
        // already logged; every later batch would then fail on it (seen with three nodes, SeveralNodesIT).
        Integer found = transaction.execute(status -> !tryAppendLock() ? 0 : jdbc.update("""
                INSERT INTO audit_log_gap (global_index, give_up_at)
                SELECT d.global_index, ? FROM domain_event_entry d
                WHERE d.global_index > (SELECT coalesce(max(global_index), 0) FROM audit_log_entry) - ?
                  AND d.global_index <= (SELECT coalesce(max(global_index), 0) FROM audit_log_entry)
                  AND NOT EXISTS (SELECT 1 FROM audit_log_entry a WHERE a.global_index = d.global_index)
                ON CONFLICT DO NOTHING""", Timestamp.from(clock.instant().plus(gapWait)), sweepWindow));
        if (found != null && found > 0) {
            log.warn("{} committed event(s) were found unlogged after their gap was given up; logging them now", found);
        }
        return found == null ? 0 : found;
    }

    /** Takes the appender's lock until the end of the transaction, if no other node holds it. */
    private boolean tryAppendLock() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class,
                APPEND_LOCK));
    }

    /** Every index skipped between the rows just read becomes a gap, waited for until its revealing row is old. */
    private void recordGaps(long highest, List<StoredEvent> newer, Instant now) {
        List<Object[]> gapRows = new ArrayList<>();
        long expected = highest + 1;
        for (StoredEvent event : newer) {
            if (expected < event.globalIndex()) { // only then: parsing every event's timestamp showed in the profile
                Instant giveUpAt = timestampOf(event).plus(gapWait);
                if (giveUpAt.isAfter(now)) {
                    for (long missing = expected; missing < event.globalIndex(); missing++) {
                        gapRows.add(new Object[] {missing, Timestamp.from(giveUpAt)});
                    }
                }
            }
            expected = event.globalIndex() + 1;
        }
        if (!gapRows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO audit_log_gap (global_index, give_up_at) VALUES (?, ?) "
                    + "ON CONFLICT DO NOTHING", gapRows);
        }
    }

    private static Instant timestampOf(StoredEvent event) {
        try {
            return Instant.parse(event.timeStamp());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private void append(long firstIndex, List<StoredEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<byte[]> hashes = new ArrayList<>(batch.size());
        List<Object[]> entries = new ArrayList<>(batch.size());
        List<Object[]> amendments = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            StoredEvent event = batch.get(i);
            long logIndex = firstIndex + i;
            byte[] hash = event.leaf(logIndex, json).hash();
            hashes.add(hash);
            entries.add(new Object[] {logIndex, event.globalIndex(), event.eventId(), event.schoolUrn(), hash});
            if (AMENDED_TYPE.equals(event.payloadType())) {
                amendments.add(amendmentRow(logIndex, event));
            }
        }
        Map<String, Object[]> interior = new LinkedHashMap<>();
        for (MerkleTree.Subtree subtree : MerkleTree.appended(firstIndex, hashes, subtrees)) {
            if (SubtreeStore.stored(subtree.level())) {
                interior.put(subtree.level() + "/" + subtree.index(),
                        new Object[] {subtree.level(), subtree.index(), subtree.hash()});
            }
        }
        jdbc.batchUpdate("INSERT INTO audit_log_entry (log_index, global_index, event_identifier, school_urn, "
                + "leaf_hash) VALUES (?, ?, ?, ?, ?)", entries);
        if (!interior.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO audit_log_subtree (level, position, hash) VALUES (?, ?, ?)",
                    new ArrayList<>(interior.values()));
        }
        if (!amendments.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO audit_amendment (log_index, school_urn, upn, session_date, session, version, "
                    + "by_name, by_position, by_staff_id, amended_at, received_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", amendments);
        }
    }

    private Object[] amendmentRow(long logIndex, StoredEvent event) {
        JsonNode payload = event.payloadJson(json);
        JsonNode by = payload.path("amendedBy");
        return new Object[] {logIndex, payload.path("urn").asText(), payload.path("upn").asText(),
                LocalDate.parse(payload.path("date").asText()), payload.path("session").asText(),
                event.sequence() + 1, textOrNull(by, "name"), textOrNull(by, "position"), textOrNull(by, "staffId"),
                Timestamp.from(Instant.parse(payload.path("amendedAt").asText())),
                Timestamp.from(Instant.parse(event.receivedAt(json)))};
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * Signs a head when the log has grown and the last head is at least {@code head-interval} old (or there is none
     * yet), so heads come at least every few seconds while events arrive, and none while the log is idle.
     */
    void signHeadIfDue() {
        Instant now = clock.instant();
        Long lastSize = jdbc.queryForObject("SELECT max(tree_size) FROM audit_log_tree_head", Long.class);
        long size = subtrees.size();
        if (lastSize != null && (size <= lastSize || now.isBefore(lastHeadAt.plus(headInterval)))) {
            return;
        }
        jdbc.update("INSERT INTO audit_log_signing_key (key_id, public_key) VALUES (?, ?) ON CONFLICT DO NOTHING",
                key.keyId(), key.publicKeyDer());
        byte[] root = MerkleTree.root(size, subtrees);
        String timestamp = now.truncatedTo(ChronoUnit.MILLIS).toString();
        byte[] signature = key.sign(new TreeHead(size, root, timestamp).signedBytes());
        jdbc.update("INSERT INTO audit_log_tree_head (tree_size, root_hash, signed_at, key_id, signature) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", size, root, timestamp, key.keyId(), signature);
        lastHeadAt = now;
    }

    /** For tests and operators: log what is committed now and sign a head at that size, on the appender's thread. */
    public void catchUp() {
        if (thread == null) {
            throw new IllegalStateException("the log is switched off");
        }
        try {
            thread.submit(() -> {
                sweep();
                while (appendBatch() >= batchSize) {
                    // keep going until the backlog is logged
                }
                lastHeadAt = Instant.EPOCH;
                signHeadIfDue();
            }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the log did not catch up", e);
        }
    }

}
