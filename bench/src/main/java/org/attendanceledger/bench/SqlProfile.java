package org.attendanceledger.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Which statements took PostgreSQL's time during ingest, from {@code pg_stat_statements} (loaded when the benchmark runs
 * with {@code --sql-profile}): counted from the first post until the projections caught up, so the write path, the
 * projections and the log appender are all in it.
 */
final class SqlProfile {

    private SqlProfile() {
    }

    static SqlProfile start(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
        }
        return new SqlProfile();
    }

    /** The statements with the most execution time, with their share of it, calls and rows. */
    String top(DataSource dataSource, int limit) throws SQLException {
        StringBuilder out = new StringBuilder("| share of statement time | ms | calls | rows | statement\n"
                + "|---:|---:|---:|---:|---\n");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT total_exec_time, calls, rows,
                            100 * total_exec_time / sum(total_exec_time) OVER () AS share,
                            left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS text
                     FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT %d""".formatted(limit))) {
            while (rows.next()) {
                out.append(String.format(Locale.ROOT, "| %.1f%% | %,.0f | %,d | %,d | %s%n", rows.getDouble("share"),
                        rows.getDouble("total_exec_time"), rows.getLong("calls"), rows.getLong("rows"),
                        rows.getString("text").replace("|", "\\|")));
            }
        }
        out.append("\n| table | live rows | analysed (auto) | last analysed\n|---|---:|---:|---\n");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT relname, n_live_tup, autoanalyze_count, greatest(last_analyze, last_autoanalyze) AS last
                     FROM pg_stat_user_tables ORDER BY n_live_tup DESC LIMIT 12""")) {
            while (rows.next()) {
                out.append(String.format(Locale.ROOT, "| %s | %,d | %d | %s%n", rows.getString(1), rows.getLong(2),
                        rows.getLong(3), rows.getString(4)));
            }
        }
        return out.toString();
    }
}
