package org.attendanceledger.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

/** Which failures of a batch's write say something about its events (hold one) and which about the database (retry). */
class ProjectionWritesTest {

    @Test
    void a_refused_value_or_a_failed_computation_is_the_data_s_fault() {
        assertThat(ProjectionWrites.isDatabaseFailure(new DataIntegrityViolationException("check",
                new SQLException("refused", "23514")))).isFalse();
        assertThat(ProjectionWrites.isDatabaseFailure(new UncategorizedSQLException("insert", "INSERT",
                new SQLException("raised", "P0001")))).isFalse();
        assertThat(ProjectionWrites.isDatabaseFailure(new IllegalStateException("a bug in the batch"))).isFalse();
    }

    @Test
    void a_lost_connection_a_shutdown_or_a_deadlock_is_the_database_s_and_the_batch_is_retried_whole() {
        assertThat(ProjectionWrites.isDatabaseFailure(new CannotGetJdbcConnectionException("pool"))).isTrue();
        assertThat(ProjectionWrites.isDatabaseFailure(new UncategorizedSQLException("insert", "INSERT",
                new SQLException("connection failure", "08006")))).isTrue();
        assertThat(ProjectionWrites.isDatabaseFailure(new UncategorizedSQLException("insert", "INSERT",
                new SQLException("admin shutdown", "57P01")))).isTrue();
        assertThat(ProjectionWrites.isDatabaseFailure(new RuntimeException(
                new SQLException("deadlock detected", "40P01")))).isTrue();
    }
}
