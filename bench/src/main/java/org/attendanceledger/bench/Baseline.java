package org.attendanceledger.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The physical limit: plain JDBC batched inserts of rows shaped like the stored events (same columns, same indexes,
 * payloads copied from real event rows) into a scratch table of the same database, with the same number of clients
 * and the same transaction size as the ingest, so the only difference is everything the ledger does on top.
 */
final class Baseline {

    record Result(long rows, double seconds) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private record Sample(byte[] payload, byte[] metadata, String payloadType, String type) {
    }

    /** The runs of a median baseline, in the order they ran, and the median run. */
    record Median(List<Result> runs, Result median) {
        String ratesText() {
            return String.join(" / ", runs.stream()
                    .map(run -> String.format(Locale.ROOT, "%,.0f", run.rowsPerSecond())).toList());
        }
    }

    /**
     * The median of {@code times} runs, each after a checkpoint. One run after the ingest moved between 24,000 and
     * 51,000 rows/s from one bench to the next on the same code (the ingest's dirty pages, a checkpoint or autovacuum
     * landing inside a few seconds of inserts), which made the ratios of two runs incomparable.
     */
    static Median median(DataSource dataSource, int clients, int rowsPerTransaction, long totalRows, int times)
            throws Exception {
        List<Result> runs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            runs.add(run(dataSource, clients, rowsPerTransaction, totalRows));
        }
        List<Result> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Result::rowsPerSecond));
        return new Median(runs, sorted.get(sorted.size() / 2));
    }

    static Result run(DataSource dataSource, int clients, int rowsPerTransaction, long totalRows) throws Exception {
        List<Sample> samples = samples(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // Every run starts with the database's dirty pages written, so a checkpoint does not land inside it.
            statement.execute("CHECKPOINT");
            statement.execute("DROP TABLE IF EXISTS bench_baseline");
            statement.execute("""
                    CREATE TABLE bench_baseline (
                        global_index BIGSERIAL PRIMARY KEY, aggregate_identifier VARCHAR(255) NOT NULL,
                        sequence_number BIGINT NOT NULL, type VARCHAR(255), event_identifier VARCHAR(255) NOT NULL,
                        meta_data BYTEA, payload BYTEA NOT NULL, payload_revision VARCHAR(255),
                        payload_type VARCHAR(255) NOT NULL, time_stamp VARCHAR(255) NOT NULL,
                        UNIQUE (aggregate_identifier, sequence_number), UNIQUE (event_identifier))""");
        }
        AtomicLong next = new AtomicLong();
        long transactions = (totalRows + rowsPerTransaction - 1) / rowsPerTransaction;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<Long>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> insert(dataSource, samples, next, transactions, rowsPerTransaction)));
        }
        long rows = 0;
        for (Future<Long> worker : workers) {
            rows += worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE bench_baseline");
        }
        return new Result(rows, seconds);
    }

    private static long insert(DataSource dataSource, List<Sample> samples, AtomicLong next, long transactions,
                               int rowsPerTransaction) throws SQLException {
        long rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO bench_baseline (aggregate_identifier, sequence_number, type, event_identifier,
                        meta_data, payload, payload_revision, payload_type, time_stamp)
                    VALUES (?, 0, ?, ?, ?, ?, NULL, ?, ?)""")) {
                long transaction;
                while ((transaction = next.getAndIncrement()) < transactions) {
                    for (int i = 0; i < rowsPerTransaction; i++) {
                        Sample sample = samples.get((int) ((transaction * rowsPerTransaction + i) % samples.size()));
                        insert.setString(1, "baseline:" + transaction + ":" + i);
                        insert.setString(2, sample.type());
                        insert.setString(3, UUID.randomUUID().toString());
                        insert.setBytes(4, sample.metadata());
                        insert.setBytes(5, sample.payload());
                        insert.setString(6, sample.payloadType());
                        insert.setString(7, java.time.Instant.now().toString());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                    rows += rowsPerTransaction;
                }
            }
        }
        return rows;
    }

    /** Real mark events, so the scratch rows are exactly as large as the ledger's own. */
    private static List<Sample> samples(DataSource dataSource) throws SQLException {
        List<Sample> samples = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT payload, meta_data, payload_type, type FROM domain_event_entry
                     WHERE payload_type LIKE '%AttendanceMarkRecorded' ORDER BY global_index DESC LIMIT 1000""")) {
            while (rows.next()) {
                samples.add(new Sample(rows.getBytes(1), rows.getBytes(2), rows.getString(3), rows.getString(4)));
            }
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException("no mark events to copy: run the ingest first");
        }
        return samples;
    }
}
